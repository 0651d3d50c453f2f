import Foundation

/// A Pexip Conferencing Node, addressed the way a user types it for `--node`.
///
/// Accepted forms:
/// - a host name or address: `pexip.example.com`, `10.0.0.1` → `https://host`
/// - host and port: `pexip.example.com:8443`, `[::1]:8443` → `https://host:port`
/// - a base URL: `http://127.0.0.1:8080`, `https://node.example.com/prefix`
public struct Node: Sendable, Hashable, CustomStringConvertible {
    /// The base URL, without a trailing slash, e.g. `https://node.example.com`.
    public let baseURL: URL

    public init(baseURL: URL) {
        self.baseURL = baseURL
    }

    /// Parses what a user typed. Throws ``PexipError/invalidNode(_:)`` when it is not usable.
    public init(parsing text: String) throws(PexipError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidNode("empty node address") }
        if trimmed.contains("://") {
            self.baseURL = try Node.parseBaseURL(trimmed)
        } else {
            self.baseURL = try Node.parseHost(trimmed)
        }
    }

    public var description: String { baseURL.absoluteString }

    /// `<base>/api/client/v2/conferences/<alias>` with the alias percent-encoded.
    public func conferenceURL(alias: String) -> URL {
        let encoded = URLEncoding.pathSegment(alias)
        return URL(string: baseURL.absoluteString + "/api/client/v2/conferences/" + encoded)!
    }

    private static func parseBaseURL(_ text: String) throws(PexipError) -> URL {
        guard var components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { throw .invalidNode("not an http(s) URL: \(text)") }
        guard components.query == nil, components.fragment == nil, components.user == nil else {
            throw .invalidNode("a node URL takes no query, fragment or user: \(text)")
        }
        components.scheme = scheme
        while components.path.hasSuffix("/") { components.path.removeLast() }
        guard let url = components.url else { throw .invalidNode("not a valid URL: \(text)") }
        return url
    }

    private static func parseHost(_ text: String) throws(PexipError) -> URL {
        var hostPort = text
        while hostPort.hasSuffix("/") { hostPort.removeLast() }
        if hostPort.contains("/") || hostPort.contains(where: \.isWhitespace) {
            throw .invalidNode("not a host name or host:port: \(text)")
        }
        // A bare IPv6 address (several colons, no brackets) gets brackets.
        if !hostPort.hasPrefix("["), hostPort.filter({ $0 == ":" }).count > 1 {
            hostPort = "[\(hostPort)]"
        }
        guard let url = URL(string: "https://" + hostPort),
              let host = url.host, !host.isEmpty
        else { throw .invalidNode("not a host name or host:port: \(text)") }
        if let port = url.port, !(1...65535).contains(port) {
            throw .invalidNode("port out of range: \(text)")
        }
        if hostPort.hasSuffix(":") { throw .invalidNode("missing port after ':' in \(text)") }
        return url
    }
}
