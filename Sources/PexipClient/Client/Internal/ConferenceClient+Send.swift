import Foundation

/// How a request carries the token.
enum TokenPlacement {
    /// No token (request_token).
    case none
    /// `token:` header with the given token.
    case header(String)
    /// `token:` header with the current token from the source.
    case current
    /// `?token=` query with the current token (events, images).
    case currentInQuery
}

extension ConferenceClient {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Builds a request: JSON body if any, the token where it belongs, extra headers.
    func makeRequest(_ method: HTTPMethod, _ path: [String], query: [(String, String)] = [],
                     body: (any Encodable)? = nil, token: TokenPlacement,
                     headers extra: [String: String] = [:], timeout: TimeInterval? = nil) async throws -> HTTPRequest {
        var headers = extra
        var query = query
        switch token {
        case .none: break
        case .header(let value): headers["token"] = value
        case .current: headers["token"] = try await tokenSource.current()
        case .currentInQuery: query.append(("token", try await tokenSource.current()))
        }
        var data: Data?
        if let body {
            do {
                data = try ConferenceClient.encoder.encode(body)
            } catch {
                throw PexipError.badResponse("could not encode the request: \(error)")
            }
            headers["Content-Type"] = "application/json"
        }
        headers["Accept"] = headers["Accept"] ?? "application/json"
        return HTTPRequest(method: method, url: url(path, query: query), headers: headers,
                           body: data, timeout: timeout ?? requestTimeout)
    }

    /// Sends a request and returns the envelope's `result` (nil for an empty body),
    /// mapping every failure to a ``PexipError``.
    func perform(_ request: HTTPRequest) async throws(PexipError) -> JSONValue? {
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw TransportFailure.describe(error)
        }
        return try ResponseMapper.result(of: response, alias: alias)
    }

    /// Sends and decodes `result` as `T`.
    func perform<T: Decodable>(_ request: HTTPRequest, as type: T.Type) async throws(PexipError) -> T {
        let result = try await perform(request)
        return try ResponseMapper.decode(result, as: type)
    }

    /// Sends a request whose `result` is `true`/`false`.
    func performBool(_ request: HTTPRequest) async throws(PexipError) -> Bool {
        let result = try await perform(request)
        if case .bool(let flag)? = result { return flag }
        return true
    }

    /// POST with no body; returns the boolean result.
    func post(_ path: [String], body: (any Encodable)? = nil) async throws -> Bool {
        try await performBool(makeRequest(.post, path, body: body, token: .current))
    }

    /// GETs binary content (images) with `?token=`, failing past `maxBytes`.
    func fetchBytes(_ path: [String], query: [(String, String)], maxBytes: Int) async throws -> Data {
        let request = try await makeRequest(.get, path, query: query, token: .currentInQuery,
                                            headers: ["Accept": "image/jpeg, */*"])
        let stream: HTTPStream
        do {
            stream = try await transport.stream(request)
        } catch {
            throw TransportFailure.describe(error)
        }
        if !(200..<300).contains(stream.status) {
            let body = (try? await stream.collect(limit: 64 << 10)) ?? Data()
            _ = try ResponseMapper.result(of: HTTPResponse(status: stream.status, headers: stream.headers, body: body),
                                          alias: alias)
            throw PexipError.http(status: stream.status, reason: "")
        }
        do {
            return try await stream.collect(limit: maxBytes)
        } catch {
            throw TransportFailure.describe(error)
        }
    }
}
