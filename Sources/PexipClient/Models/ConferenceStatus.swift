import Foundation

/// conference_status result and conference_update event data.
public struct ConferenceStatus: Sendable, Hashable, Decodable {
    public var locked: Bool?
    public var guestsMuted: Bool?
    public var started: Bool?
    public var presentationAllowed: Bool?
    public var liveCaptionsAvailable: Bool?

    enum CodingKeys: String, CodingKey {
        case locked, started
        case guestsMuted = "guests_muted"
        case presentationAllowed = "presentation_allowed"
        case liveCaptionsAvailable = "live_captions_available"
    }

    public init(locked: Bool? = nil, guestsMuted: Bool? = nil) {
        self.locked = locked
        self.guestsMuted = guestsMuted
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        locked = c.flag(.locked)
        guestsMuted = c.flag(.guestsMuted)
        started = c.flag(.started)
        presentationAllowed = c.flag(.presentationAllowed)
        liveCaptionsAvailable = c.flag(.liveCaptionsAvailable)
    }
}
