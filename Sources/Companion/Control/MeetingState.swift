import Foundation
import PexipClient

/// What `pexrtmp watch` shows, kept from the events stream: the roster, who speaks (from
/// `stage`), who presents, the lock and guest-mute state, the last chat lines, the connection.
/// Pure: feed it stream items, render it with ``MeetingScreen``.
public struct MeetingState: Sendable {
    public struct ChatLine: Sendable, Equatable {
        public var time: Date
        public var from: String
        public var text: String
        public var direct: Bool
    }

    public enum Connection: Sendable, Equatable {
        case connecting
        case connected
        case reconnecting(attempt: Int, reason: String)
        case ended(reason: String?)
    }

    public let alias: String
    /// This tool's own participant, marked in the view.
    public let selfUUID: String?
    public let chatLimit: Int

    public private(set) var roster = ParticipantRoster()
    public private(set) var locked: Bool?
    public private(set) var guestsMuted: Bool?
    /// The presenter's name (from `presentation_start`), nil when nobody presents.
    public private(set) var presenterName: String?
    public private(set) var presenterUUID: String?
    public private(set) var presentationFrames = 0
    /// Stage entries, most recent speaker first.
    public private(set) var stage: [StageEntry] = []
    public private(set) var layoutView: String?
    public private(set) var chat: [ChatLine] = []
    public private(set) var connection: Connection = .connecting
    public private(set) var disconnectReason: String?
    public private(set) var eventCount = 0
    public private(set) var lastEventName: String?

    public init(alias: String, selfUUID: String?, chatLimit: Int = 5) {
        self.alias = alias
        self.selfUUID = selfUUID
        self.chatLimit = chatLimit
    }

    /// True while the node is sending the participant list (the view waits for its end).
    public var isSyncing: Bool { roster.isSyncing }

    public var participants: [Participant] { roster.participants }

    public func isSpeaking(_ uuid: String) -> Bool {
        stage.contains { $0.participantUUID == uuid && $0.isSpeaking }
    }

    /// The position on stage (0 = main speaker), if any.
    public func stageIndex(_ uuid: String) -> Int? {
        stage.first { $0.participantUUID == uuid }?.stageIndex
    }

    public mutating func apply(_ item: EventStreamItem) {
        switch item {
        case .connected, .reconnected:
            connection = .connected
        case .reconnecting(let attempt, _, let reason):
            connection = .reconnecting(attempt: attempt, reason: reason)
        case .ended(let error):
            connection = .ended(reason: error?.description ?? disconnectReason)
        case .event(let received):
            apply(received)
        }
    }

    public mutating func apply(_ received: ReceivedEvent) {
        eventCount += 1
        lastEventName = received.name
        roster.apply(received.event)
        switch received.event {
        case .conferenceUpdate(let status):
            if let value = status.locked { locked = value }
            if let value = status.guestsMuted { guestsMuted = value }
        case .presentationStart(let start):
            presenterUUID = start.presenterUUID
            presenterName = start.presenterName ?? start.presenterURI
                ?? start.presenterUUID.flatMap { roster[$0]?.displayName } ?? "someone"
        case .presentationStop:
            presenterName = nil
            presenterUUID = nil
        case .presentationFrame:
            presentationFrames += 1
        case .stage(let entries):
            stage = entries.sorted { $0.stageIndex < $1.stageIndex }
        case .layout(let layout):
            layoutView = layout.view ?? layoutView
        case .message(let message):
            let from = message.origin ?? message.uuid.flatMap { roster[$0]?.displayName } ?? "?"
            chat.append(ChatLine(time: received.receivedAt, from: from, text: message.payload, direct: message.direct))
            if chat.count > chatLimit { chat.removeFirst(chat.count - chatLimit) }
        case .participantDelete(let uuid):
            stage.removeAll { $0.participantUUID == uuid }
        case .disconnect(let reason):
            disconnectReason = reason ?? "disconnected by the node"
        default:
            break
        }
    }

    /// Who presents: the presentation_start name, or a participant flagged `is_presenting`.
    public var presenter: String? {
        if let presenterName { return presenterName }
        return roster.participants.first { $0.isPresenting == true }.map { $0.displayName ?? $0.uuid }
    }
}
