import CFFmpeg

/// The opened file: owns its AVFormatContext (closed in deinit), knows the chosen video and
/// audio streams, reads packets and seeks.
final class PublishInput {
    let path: String
    let context: UnsafeMutablePointer<AVFormatContext>
    /// Index of the chosen stream in the file, or nil.
    let videoIndex: Int?
    let audioIndex: Int?

    /// Opens and probes. Errors are `PublishError`s worded for the user.
    init(path: String) throws(PublishError) {
        self.path = path
        try PublishError.checkReadable(path)
        var ctx: UnsafeMutablePointer<AVFormatContext>?
        let opened = avformat_open_input(&ctx, path, nil, nil)
        guard opened >= 0, let ctx else {
            throw Self.openFailure(path, opened)
        }
        context = ctx
        let found = avformat_find_stream_info(ctx, nil)
        if found < 0 {
            var doomed: UnsafeMutablePointer<AVFormatContext>? = ctx
            avformat_close_input(&doomed)
            throw .notMedia(path: path, reason: averrorString(found))
        }
        videoIndex = Self.best(ctx, AVMEDIA_TYPE_VIDEO)
        audioIndex = Self.best(ctx, AVMEDIA_TYPE_AUDIO)
        // Fully initialised from here: deinit closes the context when the init throws.
        if videoIndex == nil && audioIndex == nil { throw .noStreams(path: path) }
        for i in 0..<Int(ctx.pointee.nb_streams) where i != videoIndex && i != audioIndex {
            ctx.pointee.streams[i]!.pointee.discard = AVDISCARD_ALL
        }
    }

    deinit {
        var doomed: UnsafeMutablePointer<AVFormatContext>? = context
        avformat_close_input(&doomed)
    }

    func stream(_ index: Int) -> UnsafeMutablePointer<AVStream> { context.pointee.streams[index]! }

    var formatName: String { context.pointee.iformat.map { String(cString: $0.pointee.name) } ?? "?" }

    /// Seconds, when known.
    var duration: Double? {
        let d = context.pointee.duration
        guard d != pex_nopts_value(), d > 0 else { return nil }
        return Double(d) / Double(AV_TIME_BASE)
    }

    /// The file's start time in microseconds (0 when unknown).
    var startTime: Int64 {
        let s = context.pointee.start_time
        return s == pex_nopts_value() ? 0 : s
    }

    /// Total bitrate from the container, in kbit/s.
    var bitrateKbps: Int? {
        let b = context.pointee.bit_rate
        return b > 0 ? Int(b / 1000) : nil
    }

    /// A picture file (image2 or an image pipe demuxer) with one video stream.
    var isStillImage: Bool {
        let name = formatName
        return audioIndex == nil && videoIndex != nil && (name == "image2" || name.hasSuffix("_pipe"))
    }

    /// Reads the next packet of a chosen stream into `packet`. Returns false at the end of the
    /// file; throws on a read error.
    func read(into packet: UnsafeMutablePointer<AVPacket>) throws -> Bool {
        while true {
            let r = av_read_frame(context, packet)
            if r == pex_averror_eof() { return false }
            if r < 0 {
                if context.pointee.pb != nil, avio_feof(context.pointee.pb) != 0 { return false }
                throw MediaError.ffmpeg("reading \(path)", r)
            }
            let index = Int(packet.pointee.stream_index)
            if index == videoIndex || index == audioIndex { return true }
            av_packet_unref(packet)
        }
    }

    /// Seeks to `seconds` from the start of the file, landing on the keyframe at or before it.
    func seek(to seconds: Double) throws {
        let target = startTime + Int64(seconds * Double(AV_TIME_BASE))
        let r = avformat_seek_file(context, -1, Int64.min, target, target, 0)
        if r < 0 {
            // Some demuxers only seek by bytes; start of file is always reachable that way.
            if seconds == 0, context.pointee.pb != nil {
                if avio_seek(context.pointee.pb, 0, SEEK_SET) >= 0 {
                    avformat_flush(context)
                    return
                }
            }
            throw MediaError.ffmpeg("seeking \(path) to \(formatSeconds(seconds))", r)
        }
    }

    private static func best(_ ctx: UnsafeMutablePointer<AVFormatContext>, _ type: AVMediaType) -> Int? {
        let index = av_find_best_stream(ctx, type, -1, -1, nil, 0)
        guard index >= 0 else { return nil }
        let st = ctx.pointee.streams[Int(index)]!
        if st.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC != 0 { return nil }
        if avcodec_find_decoder(st.pointee.codecpar.pointee.codec_id) == nil { return nil }
        return Int(index)
    }

    private static func openFailure(_ path: String, _ code: Int32) -> PublishError {
        if code == pex_averror(ENOENT) { return .fileNotFound(path: path) }
        if code == pex_averror(EACCES) || code == pex_averror(EPERM) {
            return .unreadable(path: path, reason: averrorString(code))
        }
        return .notMedia(path: path, reason: averrorString(code))
    }
}

extension PublishInput {
    /// The chosen video stream as the planner sees it.
    var videoSource: StreamPlanner.VideoSource? {
        guard let videoIndex else { return nil }
        let st = stream(videoIndex)
        let par = st.pointee.codecpar.pointee
        let fmt = av_get_pix_fmt_name(AVPixelFormat(rawValue: par.format)).map { String(cString: $0) } ?? "unknown"
        var rate = st.pointee.avg_frame_rate
        if rate.num <= 0 || rate.den <= 0 { rate = st.pointee.r_frame_rate }
        let fps = rate.num > 0 && rate.den > 0 ? av_q2d(rate) : 0
        let bitrate = par.bit_rate > 0 ? Int(par.bit_rate / 1000)
            : (audioIndex == nil ? bitrateKbps : bitrateKbps.map { max(0, $0 - 128) })
        return .init(codec: String(cString: avcodec_get_name(par.codec_id)), pixelFormat: fmt,
                     width: Int(par.width), height: Int(par.height), frameRate: fps, bitrateKbps: bitrate)
    }

    var audioSource: StreamPlanner.AudioSource? {
        guard let audioIndex else { return nil }
        let par = stream(audioIndex).pointee.codecpar.pointee
        return .init(codec: String(cString: avcodec_get_name(par.codec_id)), sampleRate: Int(par.sample_rate),
                     channels: Int(par.ch_layout.nb_channels),
                     bitrateKbps: par.bit_rate > 0 ? Int(par.bit_rate / 1000) : nil)
    }
}
