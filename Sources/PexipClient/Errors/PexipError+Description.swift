import Foundation

extension PexipError: LocalizedError, CustomStringConvertible {
    public var description: String {
        switch self {
        case .pinRequired(let need):
            switch (need.host, need.guest) {
            case (true, true): return "this conference needs a PIN for Hosts and for Guests"
            case (true, false): return "this conference needs a Host PIN (Guests may join without one)"
            case (false, true): return "this conference needs a Guest PIN"
            case (false, false): return "this conference needs a PIN"
            }
        case .invalidPIN:
            return "the PIN was not accepted"
        case .virtualReception(let type):
            return "this alias is a Virtual Reception (\(type)); give the target conference alias to join through it"
        case .conferenceNotFound(let alias):
            return "no conference or gateway found for alias \"\(alias)\""
        case .invalidToken:
            return "the node refused the session token (expired or released); join again"
        case .refused(let reason):
            return "the node refused the request (HTTP 403): \(reason)"
        case .http(let status, let reason):
            return reason.isEmpty ? "HTTP \(status) from the node" : "HTTP \(status) from the node: \(reason)"
        case .failure(let reason):
            return "the node could not process the request: \(reason)"
        case .transport(let message):
            return "could not reach the node: \(message)"
        case .badResponse(let detail):
            return "unexpected answer from the node: \(detail)"
        case .invalidNode(let detail):
            return "invalid node address: \(detail)"
        case .tlsUnsupported(let detail):
            return "TLS option not supported: \(detail)"
        case .notJoined:
            return "not joined to the conference yet"
        case .released:
            return "the session has left the conference"
        case .tokenExpired(let lastError):
            return "the session token expired after refreshing failed: \(lastError)"
        case .tooLarge(let limit):
            return "the answer was larger than \(limit) bytes"
        }
    }

    public var errorDescription: String? { description }
}
