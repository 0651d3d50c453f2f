import Foundation
@testable import PexipClient

/// Records every request and answers from a script; no network.
final class FakeTransport: HTTPTransport, @unchecked Sendable {
    typealias Responder = @Sendable (HTTPRequest) async throws -> HTTPResponse
    typealias StreamResponder = @Sendable (HTTPRequest) async throws -> HTTPStream

    private let lock = NSLock()
    private var _requests: [HTTPRequest] = []
    private var responder: Responder
    private var streamResponder: StreamResponder?

    init(_ responder: @escaping Responder = { _ in FakeTransport.ok(true) }) {
        self.responder = responder
    }

    var requests: [HTTPRequest] { lock.withLock { _requests } }

    var lastRequest: HTTPRequest? { requests.last }

    func requests(endingWith suffix: String) -> [HTTPRequest] {
        requests.filter { $0.url.path.hasSuffix(suffix) }
    }

    func respond(_ responder: @escaping Responder) {
        lock.withLock { self.responder = responder }
    }

    func respondToStreams(_ responder: @escaping StreamResponder) {
        lock.withLock { self.streamResponder = responder }
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let responder = lock.withLock { _requests.append(request); return self.responder }
        return try await responder(request)
    }

    func stream(_ request: HTTPRequest) async throws -> HTTPStream {
        let (streamResponder, responder) = lock.withLock {
            _requests.append(request)
            return (self.streamResponder, self.responder)
        }
        if let streamResponder { return try await streamResponder(request) }
        let response = try await responder(request)
        return HTTPStream(status: response.status, headers: response.headers,
                          body: AsyncThrowingStream { $0.yield(response.body); $0.finish() })
    }

    static func ok(_ result: String) -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "application/json"],
                     body: Data(#"{"status": "success", "result": \#(result)}"#.utf8))
    }

    static func ok(_ flag: Bool) -> HTTPResponse { ok(flag ? "true" : "false") }

    static func status(_ code: Int, _ body: String) -> HTTPResponse {
        HTTPResponse(status: code, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
    }
}

extension HTTPRequest {
    /// The JSON body as a dictionary (nil when there is none).
    var jsonBody: [String: Any]? {
        guard let body else { return nil }
        return (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    /// The path after `/api/client/v2/conferences/<alias>/`.
    var apiPath: String {
        let path = url.path
        guard let range = path.range(of: "/api/client/v2/conferences/") else { return path }
        let rest = path[range.upperBound...]
        return rest.firstIndex(of: "/").map { String(rest[rest.index(after: $0)...]) } ?? ""
    }

    func queryItem(_ name: String) -> String? {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == name }?.value
    }
}
