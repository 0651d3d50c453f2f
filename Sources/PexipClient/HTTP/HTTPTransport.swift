import Foundation

/// The one seam between the client and the network. Tests substitute a fake that records
/// requests; ``URLSessionTransport`` is the real one.
public protocol HTTPTransport: Sendable {
    /// Sends a request and returns the whole answer, whatever its status.
    /// Throws only when no HTTP answer arrived (connection, TLS, timeout).
    func send(_ request: HTTPRequest) async throws -> HTTPResponse

    /// Opens a request whose body arrives over time (server-sent events, images with a cap).
    /// Returns once the status and headers are in; cancelling the consumer of `body`
    /// (or dropping it) cancels the request.
    func stream(_ request: HTTPRequest) async throws -> HTTPStream
}

public enum HTTPMethod: String, Sendable, Hashable {
    case get = "GET"
    case post = "POST"
}

public struct HTTPRequest: Sendable, Hashable {
    public var method: HTTPMethod
    public var url: URL
    /// Header names as sent; lookups with ``header(_:)`` ignore case.
    public var headers: [String: String]
    public var body: Data?
    /// Seconds without progress before the request fails.
    public var timeout: TimeInterval

    public init(method: HTTPMethod, url: URL, headers: [String: String] = [:],
                body: Data? = nil, timeout: TimeInterval = 30) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// A response whose body is still arriving, chunk by chunk.
public struct HTTPStream: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: AsyncThrowingStream<Data, any Error>

    public init(status: Int, headers: [String: String] = [:], body: AsyncThrowingStream<Data, any Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Collects the body, failing with ``PexipError/tooLarge(limit:)`` past `limit` bytes.
    public func collect(limit: Int) async throws -> Data {
        var data = Data()
        for try await chunk in body {
            data.append(chunk)
            if data.count > limit { throw PexipError.tooLarge(limit: limit) }
        }
        return data
    }
}
