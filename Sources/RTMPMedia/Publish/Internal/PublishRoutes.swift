import CFFmpeg

/// What happens to the video stream between the file and the muxer.
enum VideoRoute {
    case passThrough(out: Int)
    case transcode(decoder: PublishDecoder, scaler: PublishScaler, encoder: PublishEncoder, out: Int)

    var out: Int {
        switch self {
        case .passThrough(let out), .transcode(_, _, _, let out): out
        }
    }
}

/// What happens to the audio stream between the file and the muxer.
enum AudioRoute {
    case passThrough(out: Int)
    case transcode(decoder: PublishDecoder, converter: PublishAudioConverter, encoder: PublishEncoder, out: Int)

    var out: Int {
        switch self {
        case .passThrough(let out), .transcode(_, _, _, let out): out
        }
    }

    /// Microseconds the encoder's priming puts before the first input sample.
    var primingMicroseconds: Int64 {
        guard case .transcode(_, _, let encoder, _) = self, encoder.context.pointee.sample_rate > 0 else { return 0 }
        return Int64(encoder.initialPadding) * 1_000_000 / Int64(encoder.context.pointee.sample_rate)
    }
}

extension PublishPipeline {
    /// Builds the routes and the muxer's streams from the plans (encoders open here, before any
    /// connection is made, so a missing encoder fails early).
    static func makeRoutes(input: PublishInput, muxer: FLVMemoryMuxer, video: StreamPlanner.VideoPlan?,
                           audio: StreamPlanner.AudioPlan?) throws -> (VideoRoute?, AudioRoute?) {
        var videoRoute: VideoRoute?
        var audioRoute: AudioRoute?
        if let plan = video, let index = input.videoIndex {
            let stream = input.stream(index)
            switch plan.action {
            case .passThrough:
                videoRoute = .passThrough(out: try muxer.addStream(copying: stream.pointee.codecpar))
            case .transcode:
                let encoder = try PublishEncoder.h264(width: plan.width, height: plan.height,
                                                      frameRate: plan.frameRate, bitrateKbps: plan.bitrateKbps)
                videoRoute = .transcode(decoder: try PublishDecoder(stream: stream),
                                        scaler: try PublishScaler(width: plan.width, height: plan.height),
                                        encoder: encoder, out: try muxer.addStream(encoder: encoder))
            }
        }
        if let plan = audio, let index = input.audioIndex {
            let stream = input.stream(index)
            switch plan.action {
            case .passThrough:
                audioRoute = .passThrough(out: try muxer.addStream(copying: stream.pointee.codecpar))
            case .transcode:
                let encoder = try PublishEncoder.aac(sampleRate: plan.sampleRate, channels: plan.channels,
                                                     bitrateKbps: plan.bitrateKbps)
                let converter = try PublishAudioConverter(sampleRate: plan.sampleRate, channels: plan.channels,
                                                          frameSize: encoder.frameSize)
                audioRoute = .transcode(decoder: try PublishDecoder(stream: stream), converter: converter,
                                        encoder: encoder, out: try muxer.addStream(encoder: encoder))
            }
        }
        return (videoRoute, audioRoute)
    }
}
