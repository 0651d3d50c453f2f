import Foundation

/// A participant's role. Nodes say `"HOST"`/`"GUEST"` in request_token and `"chair"`/`"guest"`
/// in participant objects; both decode here, and any other value is kept in `.other`.
public enum Role: Sendable, Hashable, Codable, CustomStringConvertible {
    case host
    case guest
    case other(String)

    public init(rawValue: String) {
        switch rawValue.lowercased() {
        case "host", "chair": self = .host
        case "guest": self = .guest
        default: self = .other(rawValue)
        }
    }

    /// The value requests take (dial, role, transfer): `"chair"` or `"guest"`.
    public var requestValue: String {
        switch self {
        case .host: return "chair"
        case .guest: return "guest"
        case .other(let raw): return raw
        }
    }

    public var description: String {
        switch self {
        case .host: return "host"
        case .guest: return "guest"
        case .other(let raw): return raw
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(requestValue)
    }
}
