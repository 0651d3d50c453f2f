import CFFmpeg

extension PublishPipeline {
    /// One play of the file from the start point to the end. Returns false when the play had
    /// no packets at all (so an empty file cannot loop forever).
    func playFile(index: Int) throws -> Bool {
        if index > 0 || options.startAt > 0 {
            try input.seek(to: options.startAt)
            resetDecoders()
        }
        timeline.beginPlay()
        // Read until every stream has shown a packet: the earliest of them anchors the play.
        var primed: [UnsafeMutablePointer<AVPacket>] = []
        defer {
            for packet in primed {
                var p: UnsafeMutablePointer<AVPacket>? = packet
                av_packet_free(&p)
            }
        }
        var seenVideo = input.videoIndex == nil
        var seenAudio = input.audioIndex == nil
        var ended = false
        while !(seenVideo && seenAudio) && primed.count < 500 {
            guard try input.read(into: readPacket) else { ended = true; break }
            guard let held = av_packet_alloc() else { throw MediaError.ffmpeg("av_packet_alloc", pex_averror(ENOMEM)) }
            av_packet_move_ref(held, readPacket)
            primed.append(held)
            if Int(held.pointee.stream_index) == input.videoIndex { seenVideo = true } else { seenAudio = true }
        }
        guard !primed.isEmpty else { return false }
        var origin = Int64.max
        for packet in primed {
            let isAudio = Int(packet.pointee.stream_index) == input.audioIndex
            if let t = inputMicroseconds(packet) {
                origin = min(origin, t - (isAudio ? (audio?.primingMicroseconds ?? 0) : 0))
            }
        }
        timeline.anchor(inputMicroseconds: origin == Int64.max ? 0 : origin)
        for packet in primed { try process(packet) }
        if !ended {
            while try input.read(into: readPacket) { try process(readPacket) }
        }
        try drainDecoders()
        return true
    }

    /// One play of a still image: the picture, encoded at the still frame rate for the play's
    /// length.
    func playStill() throws -> Bool {
        guard case let .transcode(decoder, scaler, encoder, out) = video, let plan = videoPlan else { return false }
        if stillFrame == nil {
            var picture: UnsafeMutablePointer<AVFrame>?
            let keep: (UnsafeMutablePointer<AVFrame>) throws -> Void = { frame in
                if picture == nil { picture = av_frame_clone(try scaler.scale(frame)) }
            }
            while picture == nil, try input.read(into: readPacket) {
                defer { av_packet_unref(readPacket) }
                try decoder.decode(readPacket, keep)
            }
            if picture == nil { try decoder.decode(nil, keep) }
            guard let picture else {
                throw PublishError.notMedia(path: input.path, reason: "the picture could not be decoded")
            }
            stillFrame = picture
        }
        guard let frame = stillFrame else { return false }
        timeline.beginPlay()
        let step = 1_000_000 / plan.frameRate
        let frames = max(1, Int((options.stillImageDuration * plan.frameRate).rounded(.up)))
        for i in 0..<frames {
            if control.isStopped { throw Stopped() }
            let pts = timeline.playStart + Int64(Double(i) * step)
            frame.pointee.pts = pts
            let position = Double(i) / plan.frameRate
            try encoder.encode(frame) { packet in try queueEncoded(packet, encoder: encoder, out: out, position: position) }
            timeline.extend(to: pts + Int64(step))
            try pump()
        }
        return true
    }

    /// A packet's DTS (or PTS) in microseconds, or nil when it has neither.
    func inputMicroseconds(_ packet: UnsafeMutablePointer<AVPacket>) -> Int64? {
        let raw = packet.pointee.dts != pex_nopts_value() ? packet.pointee.dts : packet.pointee.pts
        guard raw != pex_nopts_value() else { return nil }
        let tb = input.stream(Int(packet.pointee.stream_index)).pointee.time_base
        return av_rescale_q(raw, tb, Self.microseconds)
    }

    /// Seconds into the file for a time on the output timeline.
    func filePosition(output: Int64) -> Double {
        Double(output - timeline.playStart + (timeline.origin ?? 0) - input.startTime) / 1_000_000
    }

    /// Routes one packet read from the file (leaving it blank), then sends what is due.
    func process(_ packet: UnsafeMutablePointer<AVPacket>) throws {
        defer { av_packet_unref(packet) }
        if control.isStopped { throw Stopped() }
        let index = Int(packet.pointee.stream_index)
        let tb = input.stream(index).pointee.time_base
        guard let dts = inputMicroseconds(packet) else { return }
        let pts = packet.pointee.pts != pex_nopts_value()
            ? av_rescale_q(packet.pointee.pts, tb, Self.microseconds) : dts
        var duration = av_rescale_q(packet.pointee.duration, tb, Self.microseconds)
        if duration <= 0 {
            duration = index == input.videoIndex ? Int64(1_000_000 / (videoPlan?.frameRate ?? 25)) : 21_333
        }
        let outDts = timeline.map(dts)
        let outPts = timeline.map(pts)
        timeline.extend(to: max(outDts, outPts) + duration)
        if index == input.videoIndex, let video {
            switch video {
            case .passThrough(let out):
                queue.push(moving: packet, stream: out, dts: outDts, pts: outPts, duration: duration,
                           position: filePosition(output: outPts), play: timeline.plays - 1)
            case let .transcode(decoder, scaler, encoder, out):
                try decoder.decode(packet) { frame in
                    try encodeVideo(frame, decoder: decoder, scaler: scaler, encoder: encoder, out: out)
                }
            }
        } else if index == input.audioIndex, let audio {
            switch audio {
            case .passThrough(let out):
                queue.push(moving: packet, stream: out, dts: outDts, pts: outPts, duration: duration,
                           position: filePosition(output: outPts), play: timeline.plays - 1)
            case let .transcode(decoder, converter, encoder, out):
                try decoder.decode(packet) { frame in
                    try encodeAudio(frame, decoder: decoder, converter: converter, encoder: encoder, out: out)
                }
            }
        }
        try pump()
    }

    private func frameMicroseconds(_ frame: UnsafeMutablePointer<AVFrame>, _ decoder: PublishDecoder) -> Int64? {
        var t = frame.pointee.best_effort_timestamp
        if t == pex_nopts_value() { t = frame.pointee.pts }
        guard t != pex_nopts_value() else { return nil }
        return av_rescale_q(t, decoder.timeBase, Self.microseconds)
    }

    func encodeVideo(_ frame: UnsafeMutablePointer<AVFrame>, decoder: PublishDecoder, scaler: PublishScaler,
                     encoder: PublishEncoder, out: Int) throws {
        guard let t = frameMicroseconds(frame, decoder) else { return }
        let pts = timeline.map(t)
        // libx264 wants strictly increasing timestamps; a repeated or late frame is dropped.
        guard pts > lastVideoFrame else { return }
        lastVideoFrame = pts
        let picture = try scaler.scale(frame)
        picture.pointee.pts = pts
        let position = filePosition(output: pts)
        try encoder.encode(picture) { packet in try queueEncoded(packet, encoder: encoder, out: out, position: position) }
    }

    func encodeAudio(_ frame: UnsafeMutablePointer<AVFrame>, decoder: PublishDecoder,
                     converter: PublishAudioConverter, encoder: PublishEncoder, out: Int) throws {
        guard let t = frameMicroseconds(frame, decoder) else { return }
        let start = timeline.map(t)
        let position = filePosition(output: start)
        try converter.push(frame, timelineMicroseconds: start) { converted in
            try encoder.encode(converted) { packet in try queueEncoded(packet, encoder: encoder, out: out, position: position) }
        }
    }

    /// Queues an encoder's packet, its timestamps turned into output microseconds.
    func queueEncoded(_ packet: UnsafeMutablePointer<AVPacket>, encoder: PublishEncoder, out: Int,
                      position: Double) throws {
        let tb = encoder.timeBase
        let dts = av_rescale_q(packet.pointee.dts != pex_nopts_value() ? packet.pointee.dts : packet.pointee.pts,
                               tb, Self.microseconds)
        let pts = packet.pointee.pts != pex_nopts_value() ? av_rescale_q(packet.pointee.pts, tb, Self.microseconds) : dts
        let duration = av_rescale_q(packet.pointee.duration, tb, Self.microseconds)
        queue.push(moving: packet, stream: out, dts: dts, pts: pts, duration: duration, position: position,
                   play: max(0, timeline.plays - 1))
    }

    /// End of a play: decoders give up what they hold, then start afresh.
    func drainDecoders() throws {
        if case let .transcode(decoder, scaler, encoder, out) = video {
            try decoder.decode(nil) { frame in
                try encodeVideo(frame, decoder: decoder, scaler: scaler, encoder: encoder, out: out)
            }
        }
        if case let .transcode(decoder, converter, encoder, out) = audio {
            try decoder.decode(nil) { frame in
                try encodeAudio(frame, decoder: decoder, converter: converter, encoder: encoder, out: out)
            }
        }
        resetDecoders()
    }

    func resetDecoders() {
        if case let .transcode(decoder, _, _, _) = video { decoder.reset() }
        if case let .transcode(decoder, _, _, _) = audio { decoder.reset() }
    }

    /// End of the publish: encoders give up what they hold.
    func finishEncoders() throws {
        if case let .transcode(_, _, encoder, out) = video {
            try encoder.encode(nil) { packet in
                try queueEncoded(packet, encoder: encoder, out: out, position: control.progress.position)
            }
        }
        if case let .transcode(_, converter, encoder, out) = audio {
            let position = control.progress.position
            try converter.flush { frame in
                try encoder.encode(frame) { packet in try queueEncoded(packet, encoder: encoder, out: out, position: position) }
            }
            try encoder.encode(nil) { packet in try queueEncoded(packet, encoder: encoder, out: out, position: position) }
        }
    }
}
