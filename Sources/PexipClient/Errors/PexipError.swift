import Foundation

/// Everything the client library throws. Descriptions are one line, safe to print:
/// they never contain a token or a PIN.
public enum PexipError: Error, Sendable, Hashable {
    /// The conference needs a PIN (none or no valid one was given for this role).
    case pinRequired(PINRequirement)
    /// The PIN was wrong.
    case invalidPIN
    /// The alias is a Virtual Reception; join again with `conference_extension` set to the target.
    /// `type` is `"standard"` or `"mssip"` (or whatever the node says).
    case virtualReception(type: String)
    /// HTTP 404 "Neither conference nor gateway found".
    case conferenceNotFound(alias: String)
    /// HTTP 403 "Invalid token": the token expired or was released; the session is gone.
    case invalidToken
    /// HTTP 403 with another reason, e.g. a Guest asking for a Host-only operation.
    case refused(reason: String)
    /// Any other HTTP error status, with the server's `result` text (or a body excerpt).
    case http(status: Int, reason: String)
    /// The node answered `"status": "failure"`.
    case failure(reason: String)
    /// The request never got an HTTP answer (connection refused, DNS, TLS, timeout...).
    case transport(String)
    /// The answer could not be understood.
    case badResponse(String)
    /// `--node` could not be parsed.
    case invalidNode(String)
    /// A TLS option that this transport cannot honour on this platform.
    case tlsUnsupported(String)
    /// The session has not joined yet.
    case notJoined
    /// The session released its token; no more requests can be made with it.
    case released
    /// Refreshing the token kept failing until the token expired.
    case tokenExpired(lastError: String)
    /// A response was larger than the caller allowed.
    case tooLarge(limit: Int)
}

/// Which roles need a PIN, from a `403 {"pin": "required", "guest_pin": "none"}` answer.
public struct PINRequirement: Sendable, Hashable {
    /// A Host PIN is required (`pin: "required"`).
    public var host: Bool
    /// A Guest PIN is required (`guest_pin: "required"`). When false, Guests may join without one.
    public var guest: Bool

    public init(host: Bool, guest: Bool) {
        self.host = host
        self.guest = guest
    }
}
