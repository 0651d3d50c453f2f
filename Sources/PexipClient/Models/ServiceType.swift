import Foundation

/// What a participant is connected to. Open: values a node adds later are kept as they are.
public struct ServiceType: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let conference = ServiceType(rawValue: "conference")
    public static let gateway = ServiceType(rawValue: "gateway")
    public static let testCall = ServiceType(rawValue: "test_call")
    public static let waitingRoom = ServiceType(rawValue: "waiting_room")
    public static let ivr = ServiceType(rawValue: "ivr")
    public static let connecting = ServiceType(rawValue: "connecting")

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
