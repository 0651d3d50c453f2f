import CFFmpeg

/// One segment file opened for reading. Owns its AVFormatContext.
final class ConcatInput {
    let path: String
    private var context: UnsafeMutablePointer<AVFormatContext>?

    init(path: String) throws {
        self.path = path
        let code = avformat_open_input(&context, path, nil, nil)
        if code < 0 {
            context = nil
            throw MediaError.ffmpeg("open \(path)", code)
        }
    }

    deinit { avformat_close_input(&context) }

    var streamCount: Int { Int(context?.pointee.nb_streams ?? 0) }

    func stream(_ i: Int) -> UnsafeMutablePointer<AVStream> { context!.pointee.streams[i]! }

    /// The first video and first audio stream: what a recording's segment carries.
    func streamIndex(of kind: TrackKind) -> Int? {
        let wanted = kind == .video ? AVMEDIA_TYPE_VIDEO : AVMEDIA_TYPE_AUDIO
        return (0..<streamCount).first { stream($0).pointee.codecpar.pointee.codec_type == wanted }
    }

    /// The earliest timestamp (µs) among the first packets of `streams`: where this segment's
    /// media begins. Reads ahead on a second handle of the same file, so reading here is unaffected.
    func earliestStart(of streams: Set<Int>) throws -> Int64? {
        let probe = try ConcatInput(path: path)
        let packet = Packet()
        var pending = streams
        var earliest: Int64?
        var budget = 1000
        while !pending.isEmpty, budget > 0, try probe.read(into: packet) {
            budget -= 1
            guard pending.remove(packet.streamIndex) != nil, let ts = packet.dts ?? packet.pts else { continue }
            let us = av_rescale_q(ts, probe.stream(packet.streamIndex).pointee.time_base, AVRational(num: 1, den: 1_000_000))
            earliest = min(earliest ?? us, us)
        }
        return earliest
    }

    /// Reads the next packet; false at the end.
    func read(into packet: Packet) throws -> Bool {
        packet.unref()
        let code = av_read_frame(context, packet.pointer)
        if code == pex_averror_eof() { return false }
        try check(code, "read \(path)")
        return true
    }
}
