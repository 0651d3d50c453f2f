import Foundation

/// A participant object, as in participant_create/participant_update and `participants`.
/// Every field but `uuid` is optional: nodes leave some out and add others.
public struct Participant: Sendable, Hashable, Decodable, Identifiable {
    public var uuid: String
    public var apiURL: String?
    public var callDirection: String?
    public var displayName: String?
    public var overlayText: String?
    public var encryption: String?
    public var hasMedia: Bool?
    public var isAudioOnlyCall: Bool?
    public var isVideoCall: Bool?
    public var isExternal: Bool?
    public var isMuted: Bool?
    public var isVideoMuted: Bool?
    public var isClientMuted: Bool?
    public var isPresenting: Bool?
    public var isStreamingConference: Bool?
    public var isHeld: Bool?
    public var isRecording: Bool?
    public var presentationSupported: Bool?
    public var localAlias: String?
    public var `protocol`: String?
    public var role: Role?
    /// `"ALLOW"` or `"DENY"`.
    public var rxPresentationPolicy: String?
    public var serviceType: ServiceType?
    /// Unix time the participant was spotlighted; 0 when not spotlighted.
    public var spotlight: Double?
    /// Unix time (UTC) the participant joined; may carry a fraction.
    public var startTime: Double?
    public var buzzTime: Double?
    public var uri: String?
    public var vendor: String?
    public var callTag: String?

    public var id: String { uuid }

    public init(uuid: String, displayName: String? = nil, role: Role? = nil) {
        self.uuid = uuid
        self.displayName = displayName
        self.role = role
    }

    enum CodingKeys: String, CodingKey {
        case uuid, encryption, role, spotlight, uri, vendor
        case `protocol`
        case apiURL = "api_url"
        case callDirection = "call_direction"
        case displayName = "display_name"
        case overlayText = "overlay_text"
        case hasMedia = "has_media"
        case isAudioOnlyCall = "is_audio_only_call"
        case isVideoCall = "is_video_call"
        case isExternal = "is_external"
        case isMuted = "is_muted"
        case isVideoMuted = "is_video_muted"
        case isClientMuted = "is_client_muted"
        case isPresenting = "is_presenting"
        case isStreamingConference = "is_streaming_conference"
        case isHeld = "is_held"
        case isRecording = "is_recording"
        case presentationSupported = "presentation_supported"
        case localAlias = "local_alias"
        case rxPresentationPolicy = "rx_presentation_policy"
        case serviceType = "service_type"
        case startTime = "start_time"
        case buzzTime = "buzz_time"
        case callTag = "call_tag"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let uuid = c.text(.uuid) else {
            throw DecodingError.keyNotFound(CodingKeys.uuid, .init(
                codingPath: c.codingPath, debugDescription: "a participant needs a uuid"))
        }
        self.uuid = uuid
        apiURL = c.text(.apiURL)
        callDirection = c.text(.callDirection)
        displayName = c.text(.displayName)
        overlayText = c.text(.overlayText)
        encryption = c.text(.encryption)
        hasMedia = c.flag(.hasMedia)
        isAudioOnlyCall = c.flag(.isAudioOnlyCall)
        isVideoCall = c.flag(.isVideoCall)
        isExternal = c.flag(.isExternal)
        isMuted = c.flag(.isMuted)
        isVideoMuted = c.flag(.isVideoMuted)
        isClientMuted = c.flag(.isClientMuted)
        isPresenting = c.flag(.isPresenting)
        isStreamingConference = c.flag(.isStreamingConference)
        isHeld = c.flag(.isHeld)
        isRecording = c.flag(.isRecording)
        presentationSupported = c.flag(.presentationSupported)
        localAlias = c.text(.localAlias)
        `protocol` = c.text(.protocol)
        role = c.text(.role).map(Role.init(rawValue:))
        rxPresentationPolicy = c.text(.rxPresentationPolicy)
        serviceType = c.text(.serviceType).map(ServiceType.init(rawValue:))
        spotlight = c.number(.spotlight)
        startTime = c.number(.startTime)
        buzzTime = c.number(.buzzTime)
        uri = c.text(.uri)
        vendor = c.text(.vendor)
        callTag = c.text(.callTag)
    }
}

extension Participant {
    /// True when spotlighted (a non-zero spotlight time).
    public var isSpotlighted: Bool { (spotlight ?? 0) != 0 }

    /// The join time as a Date, when the node sent one.
    public var joinedAt: Date? { startTime.map(Date.init(timeIntervalSince1970:)) }

    /// `rx_presentation_policy` is `"ALLOW"` (the default when absent).
    public var canReceivePresentation: Bool { rxPresentationPolicy?.uppercased() != "DENY" }
}
