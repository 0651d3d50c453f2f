import CRTMP
import Glibc
import Synchronization

/// A librtmp session that publishes FLV tags, with what sending media needs beyond
/// `RTMPConnection`: a large outgoing chunk size. librtmp starts at 128-byte chunks and writes
/// each chunk with its own `send` (TCP_NODELAY on), so a 2 Mbit/s stream costs ~2000 system
/// calls a second; announcing 4096-byte chunks cuts that ~30 times.
///
/// Kept here until `RTMPConnection` offers an outgoing chunk size; then this file goes.
/// Owns the `RTMP*` and the URL buffer librtmp points into (freed after `RTMP_Free`).
/// `writeTag` belongs to one thread; `interrupt()` may be called from any thread.
final class RTMPPublishSession: FLVTagSink {
    let url: String
    private var rtmp: UnsafeMutablePointer<RTMP>?
    private var urlBuffer: UnsafeMutablePointer<CChar>?
    private let socket = Mutex<Int32>(-1)

    init(url: String, options: RTMPConnection.Options, chunkSize: Int32 = 4096) throws {
        MediaRuntime.prepare()
        self.url = url
        guard let r = RTMP_Alloc() else { throw MediaError.rtmp(operation: "alloc", url: url) }
        rtmp = r
        RTMP_Init(r)
        var full = url + " timeout=\(max(1, options.receiveTimeout))"
        for option in options.extraOptions { full += " " + option }
        urlBuffer = strdup(full)
        guard RTMP_SetupURL(r, urlBuffer) != 0 else {
            close()
            throw MediaError.rtmp(operation: "parse URL", url: url)
        }
        RTMP_EnableWrite(r)
        // One publishing connection per process in inject/push, so librtmp's non-thread-safe
        // host lookup has nobody to race with here.
        guard RTMP_Connect(r, nil) != 0, RTMP_ConnectStream(r, 0) != 0 else {
            close()
            throw MediaError.rtmp(operation: "connect/publish", url: url)
        }
        let fd = RTMP_Socket(r)
        if options.sendTimeout > 0 {
            let seconds = options.sendTimeout
            var tv = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1e6))
            _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        }
        // A bounded send buffer (the kernel doubles it: ~1 MB, 2 s at 4 Mbit/s, plenty for the
        // bandwidth-delay product) so a peer that vanishes blocks the writer, and trips the
        // send timeout, seconds sooner than with an autotuned multi-megabyte buffer.
        var sendBuffer: Int32 = 512 * 1024
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sendBuffer, socklen_t(MemoryLayout<Int32>.size))
        socket.withLock { $0 = fd }
        guard announceChunkSize(r, chunkSize) else {
            close()
            throw MediaError.rtmp(operation: "set chunk size", url: url)
        }
    }

    deinit { close() }

    /// Sends a Set Chunk Size control message, then chunks outgoing packets at that size.
    private func announceChunkSize(_ r: UnsafeMutablePointer<RTMP>, _ size: Int32) -> Bool {
        var packet = RTMPPacket()
        guard RTMPPacket_Alloc(&packet, 4) != 0 else { return false }
        defer { RTMPPacket_Free(&packet) }
        packet.m_packetType = UInt8(RTMP_PACKET_TYPE_CHUNK_SIZE)
        packet.m_headerType = UInt8(RTMP_PACKET_SIZE_LARGE)
        packet.m_nChannel = 0x02
        packet.m_nTimeStamp = 0
        packet.m_nInfoField2 = 0
        packet.m_hasAbsTimestamp = 0
        packet.m_nBodySize = 4
        let value = UInt32(size)
        for i in 0..<4 { packet.m_body[i] = CChar(bitPattern: UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32(i)))) }
        guard RTMP_SendPacket(r, &packet, 0) != 0 else { return false }
        r.pointee.m_outChunkSize = size
        return true
    }

    func writeTag(_ tag: UnsafeRawBufferPointer) -> Bool {
        guard let r = rtmp, let base = tag.baseAddress, tag.count > 0 else { return false }
        return RTMP_Write(r, base.assumingMemoryBound(to: CChar.self), Int32(tag.count)) > 0
    }

    /// Wakes a blocked write from another thread (the socket is shut down; the writer then fails).
    func interrupt() {
        socket.withLock { fd in
            if fd >= 0 { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    func close() {
        socket.withLock { $0 = -1 }
        if let r = rtmp {
            RTMP_Close(r)
            RTMP_Free(r)
            rtmp = nil
        }
        if let buffer = urlBuffer {
            free(buffer)
            urlBuffer = nil
        }
    }
}
