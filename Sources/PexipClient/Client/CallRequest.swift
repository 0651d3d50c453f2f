import Foundation

/// The `calls` body. Real clients send the optional RTMP fields as strings
/// (`"streaming": "true"`, `"bandwidth": "2048"`), and so does this type.
public struct CallRequest: Sendable, Hashable, Encodable {
    /// `present`: `"send"`/`"receive"` for a presentation stream, `"main"` for presentation
    /// mixed into the main stream (RTMP, per Pexip's clients).
    public struct Presentation: RawRepresentable, Sendable, Hashable, Encodable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let send = Presentation(rawValue: "send")
        public static let receive = Presentation(rawValue: "receive")
        public static let main = Presentation(rawValue: "main")
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }

    /// `"RTMP"` or `"WEBRTC"`.
    public var callType: String
    public var sdp: String?
    public var present: Presentation?
    /// A streaming (recording) participant: sent as `"true"`.
    public var streaming: Bool
    /// Maximum bandwidth in kbps, sent as a string.
    public var bandwidth: Int?
    /// Audio only: sent as `"true"`.
    public var audioOnly: Bool

    /// An RTMP call element. The answer's `url` is `rtmp://host:port/pexip/<call_uuid>`.
    public static func rtmp(present: Presentation? = nil, streaming: Bool = false,
                            bandwidth: Int? = nil, audioOnly: Bool = false) -> CallRequest {
        CallRequest(callType: "RTMP", sdp: nil, present: present, streaming: streaming,
                    bandwidth: bandwidth, audioOnly: audioOnly)
    }

    /// A WebRTC call element with the sender's SDP offer.
    public static func webRTC(sdp: String, present: Presentation? = nil) -> CallRequest {
        CallRequest(callType: "WEBRTC", sdp: sdp, present: present, streaming: false,
                    bandwidth: nil, audioOnly: false)
    }

    enum CodingKeys: String, CodingKey {
        case sdp, present, streaming, bandwidth
        case callType = "call_type"
        case audioOnly = "audioonly"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(callType, forKey: .callType)
        try c.encodeIfPresent(sdp, forKey: .sdp)
        try c.encodeIfPresent(present, forKey: .present)
        if streaming { try c.encode("true", forKey: .streaming) }
        try c.encodeIfPresent(bandwidth.map(String.init), forKey: .bandwidth)
        if audioOnly { try c.encode("true", forKey: .audioOnly) }
    }
}
