import CFFmpeg

/// A libavcodec encoder (libx264 or the native AAC encoder) set up for FLV: global headers,
/// no B-frames. Owns its context and one reused output packet.
final class PublishEncoder {
    let context: UnsafeMutablePointer<AVCodecContext>
    private let packet: UnsafeMutablePointer<AVPacket>

    private init(codecName: String, configure: (UnsafeMutablePointer<AVCodecContext>) -> Void,
                 options: [(String, String)]) throws {
        guard let codec = avcodec_find_encoder_by_name(codecName) else {
            throw MediaError.unsupportedInput("this FFmpeg has no \(codecName) encoder")
        }
        guard let ctx = avcodec_alloc_context3(codec) else { throw MediaError.ffmpeg("avcodec_alloc_context3", pex_averror(ENOMEM)) }
        context = ctx
        guard let p = av_packet_alloc() else {
            var doomed: UnsafeMutablePointer<AVCodecContext>? = ctx
            avcodec_free_context(&doomed)
            throw MediaError.ffmpeg("av_packet_alloc", pex_averror(ENOMEM))
        }
        packet = p
        configure(ctx)
        ctx.pointee.flags |= Int32(AV_CODEC_FLAG_GLOBAL_HEADER)
        var dict: OpaquePointer?
        for (key, value) in options { av_dict_set(&dict, key, value, 0) }
        defer { av_dict_free(&dict) }
        try check(avcodec_open2(ctx, codec, &dict), "opening the \(codecName) encoder")
    }

    deinit {
        var p: UnsafeMutablePointer<AVPacket>? = packet
        av_packet_free(&p)
        var c: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&c)
    }

    /// libx264, veryfast/zerolatency, constant-ish bitrate with a 2 s keyframe interval;
    /// time base microseconds, yuv420p.
    static func h264(width: Int, height: Int, frameRate: Double, bitrateKbps: Int) throws -> PublishEncoder {
        let rate = av_d2q(frameRate, 1001 * 1000)
        let gop = max(1, Int((frameRate * 2).rounded()))
        return try PublishEncoder(codecName: "libx264", configure: { c in
            c.pointee.width = Int32(width)
            c.pointee.height = Int32(height)
            c.pointee.pix_fmt = AV_PIX_FMT_YUV420P
            c.pointee.time_base = AVRational(num: 1, den: 1_000_000)
            c.pointee.framerate = rate
            c.pointee.gop_size = Int32(gop)
            c.pointee.max_b_frames = 0
            c.pointee.bit_rate = Int64(bitrateKbps) * 1000
            c.pointee.rc_max_rate = Int64(bitrateKbps) * 1000
            c.pointee.rc_buffer_size = Int32(bitrateKbps * 1000 * 2)
            c.pointee.thread_count = 0
        }, options: [("preset", "veryfast"), ("tune", "zerolatency"), ("x264-params", "scenecut=0")])
    }

    /// The native AAC encoder: planar float, time base 1/sampleRate.
    static func aac(sampleRate: Int, channels: Int, bitrateKbps: Int) throws -> PublishEncoder {
        try PublishEncoder(codecName: "aac", configure: { c in
            c.pointee.sample_fmt = AV_SAMPLE_FMT_FLTP
            c.pointee.sample_rate = Int32(sampleRate)
            av_channel_layout_default(&c.pointee.ch_layout, Int32(channels))
            c.pointee.time_base = AVRational(num: 1, den: Int32(sampleRate))
            c.pointee.bit_rate = Int64(bitrateKbps) * 1000
        }, options: [])
    }

    var timeBase: AVRational { context.pointee.time_base }
    /// Samples per audio frame the encoder wants (1024 for AAC).
    var frameSize: Int { Int(context.pointee.frame_size) }
    /// Priming samples the encoder puts before the first input sample.
    var initialPadding: Int { Int(context.pointee.initial_padding) }

    /// Encodes `frame` (nil drains) and hands each packet, in the encoder's time base, to `body`.
    /// The packet is unreferenced after `body` returns: take its data with `av_packet_move_ref`.
    func encode(_ frame: UnsafeMutablePointer<AVFrame>?,
                _ body: (UnsafeMutablePointer<AVPacket>) throws -> Void) throws {
        let sent = avcodec_send_frame(context, frame)
        if sent < 0 && sent != pex_averror_eof() { throw MediaError.ffmpeg("encoding", sent) }
        while true {
            let r = avcodec_receive_packet(context, packet)
            if r == pex_averror_eagain() || r == pex_averror_eof() { return }
            try check(r, "encoding")
            defer { av_packet_unref(packet) }
            try body(packet)
        }
    }
}
