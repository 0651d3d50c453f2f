import Foundation

/// A conference event from the events stream. Every event of the spec has a case; anything
/// else (names the library does not know, payloads it cannot read) arrives as `.unknown`.
public enum ConferenceEvent: Sendable, Hashable {
    case presentationStart(PresentationStart)
    case presentationStop
    /// A new presentation frame; `frameID` is the SSE id to fetch it with.
    case presentationFrame(frameID: String?)
    case participantCreate(Participant)
    case participantUpdate(Participant)
    case participantDelete(uuid: String)
    case participantSyncBegin
    case participantSyncEnd
    case conferenceUpdate(ConferenceStatus)
    case layout(Layout)
    /// `message` (spec) and `message_received` (current nodes).
    case message(ChatMessage)
    /// Active speakers, most recent first.
    case stage([StageEntry])
    case callDisconnected(CallDisconnected)
    /// This participant is being disconnected by the node.
    case disconnect(reason: String?)
    /// The node asks for a token refresh now.
    case refreshToken
    /// An event the library does not model, or one whose data it could not read.
    /// `data` is the raw data text (usually JSON).
    case unknown(name: String, data: String)
}

/// A decoded event with its stream metadata.
public struct ReceivedEvent: Sendable, Hashable {
    /// The SSE event name as sent (`message_received`, `participant_create`…).
    public var name: String
    /// The SSE id in force for this event (nil when the node sent none).
    public var id: String?
    /// When the event was parsed.
    public var receivedAt: Date
    public var event: ConferenceEvent

    public init(name: String, id: String?, receivedAt: Date, event: ConferenceEvent) {
        self.name = name
        self.id = id
        self.receivedAt = receivedAt
        self.event = event
    }

    /// Decodes a raw server-sent event; never fails.
    public init(_ raw: ServerSentEvent, receivedAt: Date = Date()) {
        self.init(name: raw.type, id: raw.id, receivedAt: receivedAt,
                  event: EventDecoder.decode(name: raw.type, data: raw.data, id: raw.id))
    }
}
