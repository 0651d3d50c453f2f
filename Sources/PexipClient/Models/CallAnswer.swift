import Foundation

/// The `result` of `participants/<uuid>/calls`: an RTMP call has `url` (and maybe `secure_url`),
/// a WebRTC call has `sdp`.
public struct CallAnswer: Sendable, Hashable, Decodable {
    public var callUUID: String
    /// `rtmp://host:port/pexip/<call_uuid>`.
    public var url: String?
    /// `rtmps://…`, only when the node has a TLS name and certificate.
    public var secureURL: String?
    public var sdp: String?

    enum CodingKeys: String, CodingKey {
        case url, sdp
        case callUUID = "call_uuid"
        case secureURL = "secure_url"
    }

    public init(callUUID: String, url: String? = nil, secureURL: String? = nil, sdp: String? = nil) {
        self.callUUID = callUUID
        self.url = url
        self.secureURL = secureURL
        self.sdp = sdp
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        callUUID = try c.decode(String.self, forKey: .callUUID)
        url = c.text(.url)
        secureURL = c.text(.secureURL)
        sdp = c.text(.sdp)
    }
}
