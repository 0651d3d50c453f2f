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

    /// Reads the next packet; false at the end.
    func read(into packet: Packet) throws -> Bool {
        packet.unref()
        let code = av_read_frame(context, packet.pointer)
        if code == pex_averror_eof() { return false }
        try check(code, "read \(path)")
        return true
    }
}
