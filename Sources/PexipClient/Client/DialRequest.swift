import Foundation

/// The `dial` body: dial out from the conference (Host only).
public struct DialRequest: Sendable, Hashable, Encodable {
    public enum CallType: String, Sendable, Hashable, Encodable {
        case video
        case videoOnly = "video-only"
        case audio
    }

    public enum KeepConferenceAlive: String, Sendable, Hashable, Encodable {
        case always = "keep_conference_alive"
        case ifMultiple = "keep_conference_alive_if_multiple"
        case never = "keep_conference_alive_never"
    }

    /// `"sip"`, `"h323"`, `"rtmp"`, `"mssip"`, `"auto"`.
    public struct DialProtocol: RawRepresentable, Sendable, Hashable, Encodable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let sip = DialProtocol(rawValue: "sip")
        public static let h323 = DialProtocol(rawValue: "h323")
        public static let rtmp = DialProtocol(rawValue: "rtmp")
        public static let mssip = DialProtocol(rawValue: "mssip")
        public static let auto = DialProtocol(rawValue: "auto")
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }

    public var role: Role
    public var destination: String
    public var `protocol`: DialProtocol
    /// RTMP only: a separate destination for the presentation stream.
    public var presentationURL: String?
    /// Sent as `"yes"`/`"no"`.
    public var streaming: Bool?
    public var dtmfSequence: String?
    public var sourceDisplayName: String?
    public var source: String?
    public var callType: CallType?
    public var keepConferenceAlive: KeepConferenceAlive?
    public var remoteDisplayName: String?
    public var text: String?

    public init(role: Role = .guest, destination: String, protocol: DialProtocol,
                presentationURL: String? = nil, streaming: Bool? = nil, dtmfSequence: String? = nil,
                sourceDisplayName: String? = nil, source: String? = nil, callType: CallType? = nil,
                keepConferenceAlive: KeepConferenceAlive? = nil, remoteDisplayName: String? = nil,
                text: String? = nil) {
        self.role = role
        self.destination = destination
        self.protocol = `protocol`
        self.presentationURL = presentationURL
        self.streaming = streaming
        self.dtmfSequence = dtmfSequence
        self.sourceDisplayName = sourceDisplayName
        self.source = source
        self.callType = callType
        self.keepConferenceAlive = keepConferenceAlive
        self.remoteDisplayName = remoteDisplayName
        self.text = text
    }

    enum CodingKeys: String, CodingKey {
        case role, destination, source, text, streaming
        case `protocol`
        case presentationURL = "presentation_url"
        case dtmfSequence = "dtmf_sequence"
        case sourceDisplayName = "source_display_name"
        case callType = "call_type"
        case keepConferenceAlive = "keep_conference_alive"
        case remoteDisplayName = "remote_display_name"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(role, forKey: .role)
        try c.encode(destination, forKey: .destination)
        try c.encode(`protocol`, forKey: .protocol)
        try c.encodeIfPresent(presentationURL, forKey: .presentationURL)
        try c.encodeIfPresent(streaming.map { $0 ? "yes" : "no" }, forKey: .streaming)
        try c.encodeIfPresent(dtmfSequence, forKey: .dtmfSequence)
        try c.encodeIfPresent(sourceDisplayName, forKey: .sourceDisplayName)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encodeIfPresent(callType, forKey: .callType)
        try c.encodeIfPresent(keepConferenceAlive, forKey: .keepConferenceAlive)
        try c.encodeIfPresent(remoteDisplayName, forKey: .remoteDisplayName)
        try c.encodeIfPresent(text, forKey: .text)
    }
}
