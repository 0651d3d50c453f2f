import Foundation

/// Typed calls for one conference on one node: every request of the client REST API v2.
///
/// Token lifecycle calls (``requestToken(displayName:pin:conferenceExtension:)``,
/// ``refreshToken(_:)``, ``releaseToken(_:timeout:)``) take the token explicitly; all other
/// calls ask `tokenSource` for the current one (a ``PexipSession`` supplies it).
public struct ConferenceClient: Sendable {
    public let node: Node
    public let alias: String
    public let transport: any HTTPTransport
    public let tokenSource: TokenSource
    /// Seconds a request may go without progress.
    public var requestTimeout: TimeInterval

    public init(node: Node, alias: String, transport: any HTTPTransport,
                tokenSource: TokenSource = .none, requestTimeout: TimeInterval = 30) {
        self.node = node
        self.alias = alias
        self.transport = transport
        self.tokenSource = tokenSource
        self.requestTimeout = requestTimeout
    }

    /// The same client with another token source.
    public func with(tokenSource: TokenSource) -> ConferenceClient {
        ConferenceClient(node: node, alias: alias, transport: transport,
                         tokenSource: tokenSource, requestTimeout: requestTimeout)
    }

    /// Operations on one participant.
    public func participant(_ uuid: String) -> ParticipantClient {
        ParticipantClient(conference: self, participantUUID: uuid)
    }

    /// `<node>/api/client/v2/conferences/<alias>/<path…>` with each path part percent-encoded.
    public func url(_ path: [String], query: [(String, String)] = []) -> URL {
        var text = node.conferenceURL(alias: alias).absoluteString
        for part in path { text += "/" + URLEncoding.pathSegment(part) }
        if !query.isEmpty {
            text += "?" + query.map { name, value in
                name + "=" + (name == "token" ? URLEncoding.tokenQueryValue(value) : URLEncoding.queryValue(value))
            }.joined(separator: "&")
        }
        return URL(string: text)!
    }
}

/// Where requests get the current token from.
public struct TokenSource: Sendable {
    private let provider: @Sendable () async throws -> String

    public init(_ provider: @escaping @Sendable () async throws -> String) {
        self.provider = provider
    }

    public func current() async throws -> String {
        try await provider()
    }

    /// A token known in advance (tests, one-off tools).
    public static func fixed(_ token: String) -> TokenSource {
        TokenSource { token }
    }

    /// No token: every authenticated call fails with ``PexipError/notJoined``.
    public static let none = TokenSource { throw PexipError.notJoined }
}
