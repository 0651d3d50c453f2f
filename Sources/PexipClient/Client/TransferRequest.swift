import Foundation

/// The `transfer` body. Its description and mirror hide the PIN.
public struct TransferRequest: Sendable, Hashable, Encodable {
    public var conferenceAlias: String
    public var role: Role
    /// The PIN for `role` at the target, if it needs one.
    public var pin: String?

    public init(conferenceAlias: String, role: Role = .guest, pin: String? = nil) {
        self.conferenceAlias = conferenceAlias
        self.role = role
        self.pin = pin
    }

    enum CodingKeys: String, CodingKey {
        case role, pin
        case conferenceAlias = "conference_alias"
    }
}

extension TransferRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "TransferRequest(conferenceAlias: \(conferenceAlias), role: \(role), pin: \(pin == nil ? "none" : Redaction.placeholder))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["conferenceAlias": conferenceAlias, "role": role,
                                "pin": pin == nil ? "none" : Redaction.placeholder])
    }
}
