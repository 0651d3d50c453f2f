import Foundation

/// The `result` of a successful request_token.
/// Its description and mirror hide the token.
public struct TokenGrant: Sendable, Hashable, Decodable {
    public var token: String
    /// Lifetime in seconds (sent as a string or a number; 120 when missing).
    public var expires: TimeInterval
    public var participantUUID: String
    public var displayName: String?
    public var role: Role?
    public var serviceType: ServiceType?
    public var currentServiceType: ServiceType?
    public var chatEnabled: Bool?
    public var analyticsEnabled: Bool?
    public var guestsCanPresent: Bool?
    public var feccEnabled: Bool?
    public var rtmpEnabled: Bool?
    public var directMedia: Bool?
    public var version: ServerVersion?
    public var stun: [StunServer]
    public var conferenceName: String?
    public var serviceName: String?
    public var callType: String?
    public var callTag: String?

    public static let defaultExpires: TimeInterval = 120

    enum CodingKeys: String, CodingKey {
        case token, expires, role, version, stun
        case participantUUID = "participant_uuid"
        case displayName = "display_name"
        case serviceType = "service_type"
        case currentServiceType = "current_service_type"
        case chatEnabled = "chat_enabled"
        case analyticsEnabled = "analytics_enabled"
        case guestsCanPresent = "guests_can_present"
        case feccEnabled = "fecc_enabled"
        case rtmpEnabled = "rtmp_enabled"
        case directMedia = "direct_media"
        case conferenceName = "conference_name"
        case serviceName = "service_name"
        case callType = "call_type"
        case callTag = "call_tag"
    }

    public init(token: String, expires: TimeInterval = TokenGrant.defaultExpires, participantUUID: String) {
        self.token = token
        self.expires = expires
        self.participantUUID = participantUUID
        self.stun = []
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        token = try c.decode(String.self, forKey: .token)
        expires = c.number(.expires) ?? TokenGrant.defaultExpires
        participantUUID = c.text(.participantUUID) ?? ""
        displayName = c.text(.displayName)
        role = c.text(.role).map(Role.init(rawValue:))
        serviceType = c.text(.serviceType).map(ServiceType.init(rawValue:))
        currentServiceType = c.text(.currentServiceType).map(ServiceType.init(rawValue:))
        chatEnabled = c.flag(.chatEnabled)
        analyticsEnabled = c.flag(.analyticsEnabled)
        guestsCanPresent = c.flag(.guestsCanPresent)
        feccEnabled = c.flag(.feccEnabled)
        rtmpEnabled = c.flag(.rtmpEnabled)
        directMedia = c.flag(.directMedia)
        version = try? c.decodeIfPresent(ServerVersion.self, forKey: .version)
        stun = (try? c.decodeIfPresent([StunServer].self, forKey: .stun)) ?? []
        conferenceName = c.text(.conferenceName)
        serviceName = c.text(.serviceName)
        callType = c.text(.callType)
        callTag = c.text(.callTag)
    }
}

extension TokenGrant: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "TokenGrant(token: <redacted>, expires: \(expires), participant: \(participantUUID), "
            + "role: \(role.map(String.init(describing:)) ?? "-"), "
            + "service: \((currentServiceType ?? serviceType)?.rawValue ?? "-"))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "token": "<redacted>", "expires": expires, "participantUUID": participantUUID,
            "displayName": displayName as Any, "role": role as Any,
            "currentServiceType": currentServiceType as Any,
        ])
    }
}

/// `version` in request_token.
public struct ServerVersion: Sendable, Hashable, Decodable {
    public var pseudoVersion: String?
    public var versionID: String?

    enum CodingKeys: String, CodingKey {
        case pseudoVersion = "pseudo_version"
        case versionID = "version_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pseudoVersion = c.text(.pseudoVersion)
        versionID = c.text(.versionID)
    }
}

/// One `stun` entry in request_token.
public struct StunServer: Sendable, Hashable, Decodable {
    public var url: String

    enum CodingKeys: String, CodingKey {
        case url
    }
}
