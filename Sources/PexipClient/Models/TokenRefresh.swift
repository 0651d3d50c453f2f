import Foundation

/// The `result` of refresh_token: a new token, its lifetime, sometimes a new role.
public struct TokenRefresh: Sendable, Hashable, Decodable, CustomStringConvertible {
    public var token: String
    public var expires: TimeInterval
    public var role: Role?

    enum CodingKeys: String, CodingKey {
        case token, expires, role
    }

    public init(token: String, expires: TimeInterval, role: Role? = nil) {
        self.token = token
        self.expires = expires
        self.role = role
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        token = try c.decode(String.self, forKey: .token)
        expires = c.number(.expires) ?? TokenGrant.defaultExpires
        role = c.text(.role).map(Role.init(rawValue:))
    }

    public var description: String {
        "TokenRefresh(token: <redacted>, expires: \(expires), role: \(role.map(String.init(describing:)) ?? "-"))"
    }
}
