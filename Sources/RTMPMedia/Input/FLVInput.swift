import CFFmpeg
import Glibc

/// A demuxer over an RTMP connection (FLV bytes through a custom AVIOContext) or over a file.
///
/// Owns the AVFormatContext and, for RTMP, the AVIOContext and its buffer; `deinit` frees them.
/// No `avformat_find_stream_info`: tracks are discovered from the first packets instead
/// (`discoverTracks`), which costs no decoding. Packets read during discovery are queued and
/// handed out first by `read(into:)`.
final class FLVInput {
    enum ReadOutcome: Equatable {
        case packet
        /// End of input: the server ended the stream, the file ended, or a stop was requested.
        case end
        /// The connection or file failed.
        case failed(String)
    }

    private var format: UnsafeMutablePointer<AVFormatContext>?
    private var avio: UnsafeMutablePointer<AVIOContext>?
    private let source: RTMPSource?
    private var queued: [Packet] = []
    /// MonotonicClock time at which the first packet was demuxed.
    private(set) var firstPacketTime: Double?
    private var queueHead = 0

    /// Reads from an open RTMP connection until it ends or `shouldStop` returns true.
    init(connection: RTMPConnection, bufferSize: Int = 32 * 1024, shouldStop: @escaping () -> Bool) throws {
        let source = RTMPSource(connection: connection, shouldStop: shouldStop)
        self.source = source
        guard let ctx = avformat_alloc_context() else { throw MediaError.ffmpeg("avformat_alloc_context", pex_averror(ENOMEM)) }
        format = ctx
        guard let buffer = av_malloc(bufferSize)?.assumingMemoryBound(to: UInt8.self) else {
            throw MediaError.ffmpeg("av_malloc", pex_averror(ENOMEM))
        }
        avio = avio_alloc_context(buffer, Int32(bufferSize), 0, Unmanaged.passUnretained(source).toOpaque(),
                                  rtmpReadCallback, nil, nil)
        guard avio != nil else {
            av_free(buffer)
            throw MediaError.ffmpeg("avio_alloc_context", pex_averror(ENOMEM))
        }
        ctx.pointee.pb = avio
        ctx.pointee.flags |= AVFMT_FLAG_CUSTOM_IO
        try open(url: nil, format: av_find_input_format("flv"))
    }

    /// Reads a local file (FLV or anything libavformat knows), for tests and remux benchmarks.
    init(path: String) throws {
        source = nil
        try open(url: path, format: nil)
    }

    private func open(url: String?, format inputFormat: UnsafePointer<AVInputFormat>?) throws {
        var options: OpaquePointer?
        av_dict_set(&options, "probesize", "32768", 0)
        defer { av_dict_free(&options) }
        let code = avformat_open_input(&format, url, inputFormat, &options)
        if code < 0 {
            format = nil // avformat_open_input frees the context on failure
            throw MediaError.ffmpeg("open input \(url ?? "rtmp")", code)
        }
        // FLV tags carry whole frames, their keyframe flag and both timestamps, and the SPS gives
        // width/height (`InputTrack`): libavformat's H.264 parser would only re-read (and copy)
        // every video packet. Off for FLV before the first packet creates it; other containers
        // (a file in MPEG-TS, say) may need a parser to find frame boundaries.
        if let ctx = format, let name = ctx.pointee.iformat?.pointee.name, String(cString: name) == "flv" {
            ctx.pointee.flags |= AVFMT_FLAG_NOPARSE
        }
    }

    deinit {
        queued.removeAll()
        avformat_close_input(&format)
        if avio != nil {
            av_freep(&avio!.pointee.buffer)
            avio_context_free(&avio)
        }
    }

    /// Bytes received so far from the connection (or read from the file).
    var bytesRead: Int64 {
        if let source { return source.bytes }
        return format?.pointee.pb.map { avio_tell($0) } ?? 0
    }

    /// Why the RTMP read ended, when it did.
    var endReason: RTMPSource.End? { source?.end }

    private var streamCount: Int { Int(format?.pointee.nb_streams ?? 0) }

    private func stream(_ i: Int) -> UnsafeMutablePointer<AVStream>? {
        guard i < streamCount else { return nil }
        return format?.pointee.streams[i]
    }

    /// Reads packets until every recordable stream is complete (H.264 with its SPS, AAC with its
    /// config) and both a video and an audio track are known, or until `window` seconds of stream
    /// time have passed with at least one track. When the stream's metadata declares a kind not
    /// seen yet (a recorder that joined between keyframes hears audio first), waits up to
    /// `declaredWait` seconds of stream time for it. Packets are queued, not lost.
    func discoverTracks(window: Double = 2.0, declaredWait: Double = 10, maxQueued: Int = 5000) throws -> [InputTrack] {
        defer { source?.sniffer = nil }
        var firstDTS: Double?
        while true {
            let tracks = (0..<streamCount).compactMap { stream($0).flatMap(InputTrack.init(stream:)) }
            let pendingCandidates = (0..<streamCount).contains { i in
                stream(i).map { InputTrack.isCandidate($0) && InputTrack(stream: $0) == nil } ?? false
            }
            let kinds = Set(tracks.map(\.kind))
            if kinds.count == 2 && !pendingCandidates { return tracks }
            let declared = source?.sniffer
            let missingDeclared = (declared?.declaresVideo == true && !kinds.contains(.video))
                || (declared?.declaresAudio == true && !kinds.contains(.audio))

            let packet = Packet()
            let outcome = readFromDemuxer(into: packet)
            if outcome != .packet {
                if !tracks.isEmpty && !queued.isEmpty { return tracks }
                if case .failed(let why) = outcome { throw MediaError.unsupportedInput("input failed before any track was found: \(why)") }
                throw MediaError.unsupportedInput("input ended before an H.264 or AAC track was found")
            }
            queued.append(packet)
            if let dts = packet.dts, let st = stream(packet.streamIndex) {
                let seconds = Double(dts) * av_q2d(st.pointee.time_base)
                if firstDTS == nil { firstDTS = seconds }
                let waited = seconds - (firstDTS ?? seconds)
                if !tracks.isEmpty && waited >= (missingDeclared ? declaredWait : window) { return tracks }
            }
            if queued.count >= maxQueued {
                if !tracks.isEmpty { return tracks }
                throw MediaError.unsupportedInput("no H.264 or AAC track in the first \(maxQueued) packets")
            }
        }
    }

    /// The recordable track for stream `index`, if it is one now (streams appear late in FLV).
    func track(forStream index: Int) -> InputTrack? {
        stream(index).flatMap(InputTrack.init(stream:))
    }

    /// The next packet: queued ones first, then the demuxer. `packet` is overwritten.
    func read(into packet: Packet) -> ReadOutcome {
        if queueHead < queued.count {
            queued[queueHead].move(to: packet)
            queueHead += 1
            if queueHead == queued.count {
                queued.removeAll()
                queueHead = 0
            }
            return .packet
        }
        return readFromDemuxer(into: packet)
    }

    private func readFromDemuxer(into packet: Packet) -> ReadOutcome {
        packet.unref()
        let code = av_read_frame(format, packet.pointer)
        if code >= 0 {
            if firstPacketTime == nil { firstPacketTime = MonotonicClock.now() }
            return .packet
        }
        if let end = source?.end {
            switch end {
            case .stopped, .serverEnded: return .end
            case .failed(let timedOut): return .failed(timedOut ? "receive timeout" : "connection lost")
            }
        }
        if code == pex_averror_eof() { return .end }
        return .failed(averrorString(code))
    }
}

/// What the AVIO read callback reads from: one RTMP connection, plus the stop check.
final class RTMPSource {
    enum End: Equatable {
        case stopped, serverEnded, failed(timedOut: Bool)
    }
    let connection: RTMPConnection
    let shouldStop: () -> Bool
    var bytes: Int64 = 0
    var end: End?
    /// Reads the stream's declarations while tracks are discovered; nil afterwards (hot path).
    var sniffer: FLVTagSniffer? = FLVTagSniffer()

    init(connection: RTMPConnection, shouldStop: @escaping () -> Bool) {
        self.connection = connection
        self.shouldStop = shouldStop
    }
}

/// AVIO read callback: RTMP_Read into FFmpeg's buffer. Returns AVERROR_EOF (never 0) at the end.
private func rtmpReadCallback(_ opaque: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<UInt8>?,
                              _ size: Int32) -> Int32 {
    guard let opaque, let buffer else { return pex_averror(EINVAL) }
    let source = Unmanaged<RTMPSource>.fromOpaque(opaque).takeUnretainedValue()
    if source.end != nil { return pex_averror_eof() }
    if source.shouldStop() {
        source.end = .stopped
        return pex_averror_eof()
    }
    switch source.connection.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(size))) {
    case .bytes(let n):
        source.bytes += Int64(n)
        source.sniffer?.consume(UnsafeRawBufferPointer(start: buffer, count: n))
        return Int32(n)
    case .end:
        source.end = source.shouldStop() ? .stopped : .serverEnded
        return pex_averror_eof()
    case .error(let timedOut):
        source.end = source.shouldStop() ? .stopped : .failed(timedOut: timedOut)
        return pex_averror_eof()
    }
}
