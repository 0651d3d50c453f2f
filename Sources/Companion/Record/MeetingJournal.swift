import PexipClient

/// Turns the conference's events into what a recording keeps in `events.jsonl`: joins and
/// leaves (worked out from the roster, so a re-sync after a reconnect reports only real
/// changes), chat, presentation start/stop, lock and guest-mute changes, the node's disconnect.
/// Pure: feed it events, read the entries it returns.
public struct MeetingJournal: Sendable {
    public struct Entry: Sendable, Equatable {
        public var event: String
        public var fields: [String: String]

        public init(_ event: String, _ fields: [String: String] = [:]) {
            self.event = event
            self.fields = fields
        }
    }

    /// Our own participant, left out of joins and leaves.
    public let selfUUID: String?
    public private(set) var roster = ParticipantRoster()
    private var known: [String: Participant] = [:]
    private var conference: ConferenceStatus?

    public init(selfUUID: String?) {
        self.selfUUID = selfUUID
    }

    /// Everyone in the meeting but us.
    public var others: [Participant] { roster.participants.filter { $0.uuid != selfUUID } }

    public mutating func apply(_ event: ConferenceEvent) -> [Entry] {
        roster.apply(event)
        switch event {
        case .participantCreate, .participantUpdate, .participantDelete, .participantSyncEnd:
            return roster.isSyncing ? [] : diffRoster()
        case .message(let message):
            var fields = ["text": message.payload]
            fields["from"] = message.origin
            fields["uuid"] = message.uuid
            if message.direct { fields["direct"] = "true" }
            return [Entry("chat", fields)]
        case .presentationStart(let start):
            var fields: [String: String] = [:]
            fields["presenter_name"] = start.presenterName
            fields["presenter_uuid"] = start.presenterUUID
            fields["presenter_uri"] = start.presenterURI
            return [Entry("presentation_start", fields)]
        case .presentationStop:
            return [Entry("presentation_stop")]
        case .conferenceUpdate(let status):
            defer { conference = status }
            guard status != conference else { return [] }
            var fields: [String: String] = [:]
            fields["locked"] = status.locked.map { String($0) }
            fields["guests_muted"] = status.guestsMuted.map { String($0) }
            return [Entry("conference_update", fields)]
        case .disconnect(let reason):
            var fields: [String: String] = [:]
            fields["reason"] = reason
            return [Entry("disconnected", fields)]
        default:
            return []
        }
    }

    /// Joins, leaves and mute changes between what we knew and the roster now.
    private mutating func diffRoster() -> [Entry] {
        var entries: [Entry] = []
        let now = Dictionary(others.map { ($0.uuid, $0) }, uniquingKeysWith: { _, last in last })
        for participant in others where known[participant.uuid] == nil {
            entries.append(Entry("participant_join", Self.describe(participant)))
        }
        for (uuid, participant) in known where now[uuid] == nil {
            entries.append(Entry("participant_leave", Self.describe(participant)))
        }
        for participant in others {
            guard let before = known[participant.uuid] else { continue }
            if let muted = participant.isMuted, before.isMuted != nil, muted != before.isMuted {
                entries.append(Entry(muted ? "participant_muted" : "participant_unmuted", Self.describe(participant)))
            }
        }
        known = now
        return entries
    }

    private static func describe(_ participant: Participant) -> [String: String] {
        var fields = ["uuid": participant.uuid]
        fields["name"] = participant.displayName
        fields["role"] = participant.role?.description
        return fields
    }
}
