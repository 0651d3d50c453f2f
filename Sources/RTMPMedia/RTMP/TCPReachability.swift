import Glibc

/// Name resolution and a bounded, cancellable TCP check, done before librtmp connects.
///
/// librtmp's own `RTMP_Connect` resolves with the non-reentrant `gethostbyname` and connects with
/// a blocking `connect()` without timeout (a silent host takes minutes to fail). Resolving here
/// with `getaddrinfo` and handing librtmp the address (`RTMP_Connect0`) avoids both.
enum TCPReachability {
    /// The IPv4 address of `host` (librtmp 2.4 speaks IPv4 only).
    static func resolve(_ host: String, port: Int) throws(ReachabilityError) -> sockaddr_in {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list, let address = first.pointee.ai_addr else {
            throw ReachabilityError("cannot resolve \(host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }
        return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
    }

    /// Tries a TCP connection to `address` within `timeout` seconds, giving up early when
    /// `cancelled` turns true (checked every 100 ms).
    static func check(_ address: sockaddr_in, name: String, timeout: Double,
                      cancelled: () -> Bool) throws(ReachabilityError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ReachabilityError("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var addr = address
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if rc == 0 { return }
        guard errno == EINPROGRESS else { throw ReachabilityError("\(name): \(String(cString: strerror(errno)))") }
        var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let deadline = MonotonicClock.now() + timeout
        while true {
            if cancelled() { throw ReachabilityError("cancelled") }
            let left = deadline - MonotonicClock.now()
            if left <= 0 { throw ReachabilityError("\(name): no answer within \(Int(timeout.rounded())) s") }
            if poll(&pfd, 1, Int32(min(left, 0.1) * 1000) + 1) > 0 { break }
        }
        var err: Int32 = 0
        var len = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len)
        if err != 0 { throw ReachabilityError("\(name): \(String(cString: strerror(err)))") }
    }
}

struct ReachabilityError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
