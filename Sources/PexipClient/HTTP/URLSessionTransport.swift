import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// ``HTTPTransport`` over URLSession. On Linux, URLSession is libcurl-based and has no
/// `bytes(for:)`, so every request runs as a data task whose chunks a delegate yields into
/// an `AsyncThrowingStream`.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let router: StreamRouter
    /// Upper bound for ``send(_:)`` bodies (API answers are small JSON).
    public let maxResponseBytes: Int

    /// - Throws: ``PexipError/tlsUnsupported(_:)`` for TLS options this platform cannot honour
    ///   (on Linux: any non-default option; see ``TLSOptions``).
    public init(tls: TLSOptions = .default, maxResponseBytes: Int = 16 << 20) throws(PexipError) {
        try URLSessionTransport.check(tls)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        let router = StreamRouter(tls: tls)
        self.router = router
        self.session = URLSession(configuration: configuration, delegate: router, delegateQueue: nil)
        self.maxResponseBytes = maxResponseBytes
    }

    deinit {
        session.invalidateAndCancel()
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let stream = try await stream(request)
        let body = try await stream.collect(limit: maxResponseBytes)
        return HTTPResponse(status: stream.status, headers: stream.headers, body: body)
    }

    public func stream(_ request: HTTPRequest) async throws -> HTTPStream {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.timeoutInterval = request.timeout
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        if let body = request.body {
            urlRequest.httpBody = body
        } else if request.method == .post {
            urlRequest.httpBody = Data()
        }
        let task = session.dataTask(with: urlRequest)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                router.register(task, head: continuation)
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }

    private static func check(_ tls: TLSOptions) throws(PexipError) {
        #if canImport(Security)
        if tls.caFile != nil {
            throw .tlsUnsupported("--ca-file is not implemented on this platform; add the CA to the system keychain")
        }
        #else
        if tls.caFile != nil || tls.insecureSkipVerify {
            throw .tlsUnsupported(
                "URLSession on Linux (libcurl) offers no way to trust an extra CA file or to skip "
                    + "certificate checks; add the CA to the system store (update-ca-certificates) "
                    + "or use an http:// node URL for a lab node")
        }
        #endif
    }
}
