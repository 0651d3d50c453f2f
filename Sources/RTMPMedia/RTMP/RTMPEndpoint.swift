import Glibc

/// Host and port of an RTMP URL, and a bounded-time check that something listens there.
///
/// librtmp connects with a blocking `connect()` and no timeout (a silent host takes minutes to
/// fail) and resolves names with the non-reentrant `gethostbyname`. Checking reachability first
/// with `getaddrinfo` and a non-blocking connect bounds the first, and tells whether librtmp will
/// need the name lookup (serialised) or gets an address literal.
struct RTMPEndpoint: Equatable {
    var host: String
    var port: Int

    /// nil when the URL is not rtmp[s|t|e|te|ts]://host[:port]/...
    init?(url: String) {
        let lower = url.lowercased()
        guard let schemeEnd = lower.firstRange(of: "://") else { return nil }
        let scheme = String(lower[..<schemeEnd.lowerBound])
        let defaults = ["rtmp": 1935, "rtmpe": 1935, "rtmps": 443, "rtmpt": 80, "rtmpte": 80, "rtmpts": 443]
        guard let defaultPort = defaults[scheme] else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != " " }
        guard !authority.isEmpty else { return nil }
        if authority.hasPrefix("[") { return nil } // IPv6 literals: librtmp 2.4 has no IPv6
        let parts = authority.split(separator: ":", maxSplits: 1)
        host = String(parts[0])
        if parts.count == 2 {
            guard let p = Int(parts[1]), p > 0, p < 65536 else { return nil }
            port = p
        } else {
            port = defaultPort
        }
    }

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Whether the host is an IPv4 address literal (librtmp then skips gethostbyname).
    var isAddressLiteral: Bool {
        var addr = in_addr()
        return inet_pton(AF_INET, host, &addr) == 1
    }

    /// Resolves the host (IPv4) and tries a TCP connection within `timeout` seconds, giving up
    /// early when `cancelled` turns true (checked every 100 ms). Returns nil when it connects, or
    /// what went wrong.
    func unreachableReason(timeout: Double, cancelled: () -> Bool = { false }) -> String? {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else { return "cannot resolve \(host): \(String(cString: gai_strerror(rc)))" }
        defer { freeaddrinfo(list) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { return "socket: \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        if connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 { return nil }
        guard errno == EINPROGRESS else { return "\(host):\(port): \(String(cString: strerror(errno)))" }
        var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let deadline = MonotonicClock.now() + timeout
        var ready: Int32 = 0
        while ready == 0 {
            if cancelled() { return "cancelled" }
            let left = deadline - MonotonicClock.now()
            if left <= 0 { return "\(host):\(port): no answer within \(Int(timeout)) s" }
            ready = poll(&pfd, 1, Int32(min(left, 0.1) * 1000) + 1)
        }
        var err: Int32 = 0
        var len = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len)
        return err == 0 ? nil : "\(host):\(port): \(String(cString: strerror(err)))"
    }
}
