import CRTMP
import Glibc
import Synchronization

/// One librtmp session, for playing or for publishing.
///
/// Owns the `RTMP*` and the URL buffer librtmp keeps pointers into (RTMP_SetupURL edits the
/// string in place); `close()` and `deinit` release both, the buffer only after `RTMP_Free`.
/// Reading and writing belong to one thread; `interrupt()` may be called from any thread.
public final class RTMPConnection {
    public enum Mode: Sendable { case play, publish }

    public struct Options: Sendable {
        /// librtmp's socket receive timeout, in whole seconds. RTMP_Read blocks at most this long.
        public var receiveTimeout: Int = 5
        /// Send timeout (SO_SNDTIMEO) so a dead peer cannot block RTMP_Write forever.
        public var sendTimeout: Double = 5
        /// The play buffer librtmp announces to the server, in milliseconds.
        public var bufferMilliseconds: Int = 1000
        /// Whether a played stream is live (`live=1`); live streams are never seekable.
        public var live: Bool = true
        /// Extra librtmp URL options (`app=`, `playpath=`, `tcUrl=`, `flashVer=`...), appended as is.
        public var extraOptions: [String] = []
        /// Read coalescing, in seconds (0: off). When librtmp's buffer is empty and the socket
        /// holds less than `coalesceBytes`, a read first waits this long, so a 2 Mbit/s stream is
        /// taken in ~10 KB gulps a few dozen times a second instead of one blocking `recv` (and
        /// one thread wake-up) per few kilobytes. Adds at most this much latency to a read.
        public var coalesceDelay: Double = 0
        public var coalesceBytes: Int = 16 * 1024

        public init(receiveTimeout: Int = 5, sendTimeout: Double = 5, bufferMilliseconds: Int = 1000,
                    live: Bool = true, extraOptions: [String] = [], coalesceDelay: Double = 0) {
            self.receiveTimeout = receiveTimeout
            self.sendTimeout = sendTimeout
            self.bufferMilliseconds = bufferMilliseconds
            self.live = live
            self.extraOptions = extraOptions
            self.coalesceDelay = coalesceDelay
        }
    }

    /// What one `read(into:)` produced.
    public enum ReadResult: Equatable, Sendable {
        case bytes(Int)
        /// The server ended the stream (RTMP_Read returned 0).
        case end
        /// The connection failed or timed out (RTMP_Read returned -1).
        case error(timedOut: Bool)
    }

    public let url: String
    public let mode: Mode
    /// True for rtmps:// (and rtmpts://): encrypted by librtmp's GnuTLS, but the certificate is
    /// NOT verified and no SNI is sent. The CLI should warn.
    public let isUnverifiedTLS: Bool

    private var rtmp: UnsafeMutablePointer<RTMP>?
    private var urlBuffer: UnsafeMutablePointer<CChar>?
    /// The socket as seen by `interrupt()` from other threads; -1 when closed.
    private let socketForInterrupt = Mutex<Int32>(-1)
    private let coalesceDelay: Double
    private let coalesceBytes: Int

    /// Connects and sets up the stream (play or publish). Throws `MediaError.rtmp` on failure.
    /// `cancelled` is polled while waiting for the server's TCP answer (a stop request);
    /// `onSocket` receives the interrupter as soon as there is a socket to interrupt, before the
    /// RTMP handshake.
    public init(url: String, mode: Mode, options: Options = Options(), cancelled: () -> Bool = { false },
                onSocket: (Interrupter) -> Void = { _ in }) throws {
        MediaRuntime.prepare()
        self.url = url
        coalesceDelay = mode == .play ? options.coalesceDelay : 0
        coalesceBytes = options.coalesceBytes
        self.mode = mode
        let lower = url.lowercased()
        isUnverifiedTLS = lower.hasPrefix("rtmps://") || lower.hasPrefix("rtmpts://")

        guard let r = RTMP_Alloc() else { throw MediaError.rtmp(operation: "alloc", url: url) }
        rtmp = r
        RTMP_Init(r)

        var full = url
        if mode == .play && options.live { full += " live=1" }
        full += " timeout=\(max(1, options.receiveTimeout))"
        if mode == .play { full += " buffer=\(options.bufferMilliseconds)" }
        for option in options.extraOptions { full += " " + option }
        urlBuffer = strdup(full)

        guard RTMP_SetupURL(r, urlBuffer) != 0 else {
            close()
            throw MediaError.rtmp(operation: "parse URL", url: url)
        }
        if mode == .publish { RTMP_EnableWrite(r) }

        do {
            try connect(r, timeout: Double(max(1, options.receiveTimeout)), cancelled: cancelled, onSocket: onSocket)
        } catch {
            close()
            throw MediaError.rtmp(operation: "connect (\(error))", url: url)
        }
        guard RTMP_Connect1(r, nil) != 0, RTMP_ConnectStream(r, 0) != 0 else {
            close()
            throw MediaError.rtmp(operation: mode == .play ? "connect/play" : "connect/publish", url: url)
        }
        setSendTimeout(RTMP_Socket(r), options.sendTimeout)
    }

    /// The TCP part of librtmp's RTMP_Connect, done the thread-safe, bounded way: resolve with
    /// getaddrinfo, check the server answers within `timeout` (cancellable), then let librtmp
    /// connect its socket to that address (RTMP_Connect0). From here on the socket can be
    /// interrupted, so a stop during the RTMP handshake does not wait for the receive timeout.
    private func connect(_ r: UnsafeMutablePointer<RTMP>, timeout: Double, cancelled: () -> Bool,
                         onSocket: (Interrupter) -> Void) throws(ReachabilityError) {
        let link = r.pointee.Link
        guard link.socksport == 0 else { throw ReachabilityError("SOCKS proxies are not supported") }
        guard let hostBytes = link.hostname.av_val, link.hostname.av_len > 0 else { throw ReachabilityError("no host in URL") }
        let host = String(decoding: UnsafeRawBufferPointer(start: hostBytes, count: Int(link.hostname.av_len)), as: UTF8.self)
        let port = Int(link.port)
        var address = try TCPReachability.resolve(host, port: port)
        try TCPReachability.check(address, name: "\(host):\(port)", timeout: timeout, cancelled: cancelled)
        let connected = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { RTMP_Connect0(r, $0) }
        }
        guard connected != 0 else { throw ReachabilityError("\(host):\(port): TCP connect failed") }
        r.pointee.m_bSendCounter = 1 // as RTMP_Connect does between its two halves
        socketForInterrupt.withLock { $0 = RTMP_Socket(r) }
        onSocket(interrupter)
    }


    deinit { close() }

    /// Reads FLV bytes (librtmp synthesises the FLV file header first). `.end` and `.error`
    /// are sticky until close.
    public func read(into buffer: UnsafeMutableRawBufferPointer) -> ReadResult {
        guard let r = rtmp, let base = buffer.baseAddress else { return .error(timedOut: false) }
        if coalesceDelay > 0 { coalesce(r) }
        let n = RTMP_Read(r, base.assumingMemoryBound(to: CChar.self), Int32(buffer.count))
        if n > 0 { return .bytes(Int(n)) }
        if n == 0 { return .end }
        return .error(timedOut: RTMP_IsTimedout(r) != 0)
    }

    /// Waits `coalesceDelay` when the next RTMP_Read would go to a socket holding little data.
    private func coalesce(_ r: UnsafeMutablePointer<RTMP>) {
        guard r.pointee.m_sb.sb_size < 2048 else { return }
        var available: Int32 = 0
        guard ioctl(r.pointee.m_sb.sb_socket, UInt(FIONREAD), &available) == 0,
              Int(available) < coalesceBytes else { return }
        var pause = timespec(tv_sec: 0, tv_nsec: Int(min(coalesceDelay, 0.5) * 1e9))
        nanosleep(&pause, nil)
    }

    /// Writes whole, aligned FLV tags (11-byte header, body, 4-byte trailer). A leading FLV file
    /// header is skipped by librtmp. Returns false when the connection failed.
    public func write(_ tags: UnsafeRawBufferPointer) -> Bool {
        guard let r = rtmp, let base = tags.baseAddress, tags.count > 0 else { return false }
        return RTMP_Write(r, base.assumingMemoryBound(to: CChar.self), Int32(tags.count)) > 0
    }

    public var isConnected: Bool { rtmp.map { RTMP_IsConnected($0) != 0 } ?? false }

    /// Wakes a blocked read or write from another thread by shutting the socket down; the owning
    /// thread then sees an error and closes. Safe to call at any time, any number of times.
    public func interrupt() {
        socketForInterrupt.withLock { fd in
            // Shut only the receiving side: the blocked read returns at once, and RTMP_Close can
            // still say goodbye to the server.
            if fd >= 0 { shutdown(fd, Int32(SHUT_RD)) }
        }
    }

    /// A thread-safe handle that can interrupt this connection without touching librtmp.
    public var interrupter: Interrupter { Interrupter(connection: self) }

    /// Closes the session and frees everything. Idempotent.
    public func close() {
        socketForInterrupt.withLock { $0 = -1 }
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

    /// Sendable handle on `interrupt()`.
    public struct Interrupter: @unchecked Sendable {
        // Only `interrupt()` is reached through this reference; it touches nothing but the
        // mutex-guarded socket number.
        fileprivate let connection: RTMPConnection
        public func interrupt() { connection.interrupt() }
    }
}

private func setSendTimeout(_ fd: Int32, _ seconds: Double) {
    guard fd >= 0, seconds > 0 else { return }
    var tv = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1e6))
    _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
}
