import CFFmpeg

/// A libavcodec decoder for one input stream. Owns its context and one reused frame.
final class PublishDecoder {
    let context: UnsafeMutablePointer<AVCodecContext>
    private let frame: UnsafeMutablePointer<AVFrame>
    /// Microseconds per unit of the stream's time base, as a rational for rescaling.
    let timeBase: AVRational

    init(stream: UnsafeMutablePointer<AVStream>) throws {
        let par = stream.pointee.codecpar!
        guard let codec = avcodec_find_decoder(par.pointee.codec_id) else {
            throw MediaError.unsupportedInput("no decoder for \(String(cString: avcodec_get_name(par.pointee.codec_id)))")
        }
        guard let ctx = avcodec_alloc_context3(codec) else { throw MediaError.ffmpeg("avcodec_alloc_context3", pex_averror(ENOMEM)) }
        context = ctx
        guard let f = av_frame_alloc() else {
            var doomed: UnsafeMutablePointer<AVCodecContext>? = ctx
            avcodec_free_context(&doomed)
            throw MediaError.ffmpeg("av_frame_alloc", pex_averror(ENOMEM))
        }
        frame = f
        timeBase = stream.pointee.time_base
        try check(avcodec_parameters_to_context(ctx, par), "avcodec_parameters_to_context")
        ctx.pointee.pkt_timebase = stream.pointee.time_base
        ctx.pointee.thread_count = 0
        try check(avcodec_open2(ctx, codec, nil), "opening the \(String(cString: codec.pointee.name)) decoder")
    }

    deinit {
        var f: UnsafeMutablePointer<AVFrame>? = frame
        av_frame_free(&f)
        var c: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&c)
    }

    /// Decodes `packet` (nil drains the decoder) and hands each frame to `body`, whose
    /// `best_effort_timestamp` is in the stream's time base. A packet the decoder rejects as
    /// invalid data is skipped with a warning rather than ending the publish.
    func decode(_ packet: UnsafeMutablePointer<AVPacket>?,
                _ body: (UnsafeMutablePointer<AVFrame>) throws -> Void) throws {
        let sent = avcodec_send_packet(context, packet)
        if sent == pex_averror_invaliddata() {
            MediaLog.warning("skipping a packet the decoder could not read")
        } else if sent < 0 && sent != pex_averror_eof() && sent != pex_averror_eagain() {
            throw MediaError.ffmpeg("decoding", sent)
        }
        while true {
            let r = avcodec_receive_frame(context, frame)
            if r == pex_averror_eagain() || r == pex_averror_eof() { return }
            if r == pex_averror_invaliddata() { continue }
            try check(r, "decoding")
            defer { av_frame_unref(frame) }
            try body(frame)
        }
    }

    /// Ready for a new run of packets after a drain or a seek.
    func reset() { avcodec_flush_buffers(context) }
}
