import Foundation

/// `presentation_start` data.
public struct PresentationStart: Sendable, Hashable, Decodable {
    public var presenterName: String?
    public var presenterURI: String?
    /// Sent by real nodes, not in the spec.
    public var presenterUUID: String?

    enum CodingKeys: String, CodingKey {
        case presenterName = "presenter_name"
        case presenterURI = "presenter_uri"
        case presenterUUID = "presenter_uuid"
    }

    public init(presenterName: String? = nil, presenterURI: String? = nil, presenterUUID: String? = nil) {
        self.presenterName = presenterName
        self.presenterURI = presenterURI
        self.presenterUUID = presenterUUID
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        presenterName = c.text(.presenterName)
        presenterURI = c.text(.presenterURI)
        presenterUUID = c.text(.presenterUUID)
    }
}

/// `layout` data. `participants` arrives as an array of uuids or, on some nodes, one string.
public struct Layout: Sendable, Hashable, Decodable {
    public var view: String?
    public var participants: [String]
    public var requestedLayout: JSONValue?
    public var overlayTextEnabled: Bool?

    enum CodingKeys: String, CodingKey {
        case view, participants
        case requestedLayout = "requested_layout"
        case overlayTextEnabled = "overlay_text_enabled"
    }

    public init(view: String? = nil, participants: [String] = []) {
        self.view = view
        self.participants = participants
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        view = c.text(.view)
        if let list = try? c.decodeIfPresent([String].self, forKey: .participants) {
            participants = list
        } else if let single = c.text(.participants) {
            participants = single.isEmpty ? [] : [single]
        } else {
            participants = []
        }
        requestedLayout = try? c.decodeIfPresent(JSONValue.self, forKey: .requestedLayout)
        overlayTextEnabled = c.flag(.overlayTextEnabled)
    }
}

/// `message` / `message_received` data.
public struct ChatMessage: Sendable, Hashable, Decodable {
    /// The sender's display name.
    public var origin: String?
    /// The sender's participant uuid.
    public var uuid: String?
    /// MIME type, usually `text/plain`.
    public var type: String?
    public var payload: String
    /// True for a private message (`message_received` on current nodes).
    public var direct: Bool

    enum CodingKeys: String, CodingKey {
        case origin, uuid, type, payload, direct
    }

    public init(origin: String? = nil, uuid: String? = nil, type: String? = "text/plain",
                payload: String, direct: Bool = false) {
        self.origin = origin
        self.uuid = uuid
        self.type = type
        self.payload = payload
        self.direct = direct
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        origin = c.text(.origin)
        uuid = c.text(.uuid)
        type = c.text(.type)
        payload = c.text(.payload) ?? ""
        direct = c.flag(.direct) ?? false
    }
}

/// One `stage` entry.
public struct StageEntry: Sendable, Hashable, Decodable {
    public var participantUUID: String
    /// 0 is the most recent speaker.
    public var stageIndex: Int
    /// Voice activity: 0 silent, 100 speaking.
    public var vad: Int

    enum CodingKeys: String, CodingKey {
        case vad
        case participantUUID = "participant_uuid"
        case stageIndex = "stage_index"
    }

    public init(participantUUID: String, stageIndex: Int, vad: Int) {
        self.participantUUID = participantUUID
        self.stageIndex = stageIndex
        self.vad = vad
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        participantUUID = c.text(.participantUUID) ?? ""
        stageIndex = Int(c.number(.stageIndex) ?? 0)
        vad = Int(c.number(.vad) ?? 0)
    }

    public var isSpeaking: Bool { vad >= 50 }
}

/// `call_disconnected` data.
public struct CallDisconnected: Sendable, Hashable, Decodable {
    public var callUUID: String?
    public var reason: String?

    enum CodingKeys: String, CodingKey {
        case reason
        case callUUID = "call_uuid"
    }

    public init(callUUID: String?, reason: String?) {
        self.callUUID = callUUID
        self.reason = reason
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        callUUID = c.text(.callUUID)
        reason = c.text(.reason)
    }
}
