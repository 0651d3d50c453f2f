import Foundation

/// Percent-encoding rules for the API's paths and queries.
enum URLEncoding {
    /// RFC 3986 unreserved characters.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Unreserved plus `%`: a value that is already percent-encoded (Pexip tokens such as
    /// `…%3D`) is passed as it is, the way Pexip's web client appends `?token=`.
    private static let preEncoded = unreserved.union(CharacterSet(charactersIn: "%"))

    /// One path segment (an alias, a uuid): everything outside the unreserved set is encoded,
    /// so `meet@example.com` becomes `meet%40example.com`.
    static func pathSegment(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    /// A query value that may be an arbitrary string (a frame id such as `MTAu…==`).
    static func queryValue(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    /// A token in a query: kept as the node issued it (its `%XX` escapes survive).
    static func tokenQueryValue(_ token: String) -> String {
        token.addingPercentEncoding(withAllowedCharacters: preEncoded) ?? token
    }
}
