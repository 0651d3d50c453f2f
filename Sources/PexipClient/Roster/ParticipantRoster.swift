import Foundation

/// The live participant list, kept from participant events.
///
/// `participant_sync_begin` starts a fresh pending list, events during the sync fill it, and
/// `participant_sync_end` replaces the roster with it (so a re-sync after a reconnect drops
/// participants that left meanwhile). Outside a sync, create/update/delete apply directly.
public struct ParticipantRoster: Sendable, Hashable {
    private var current = OrderedParticipants()
    private var pending: OrderedParticipants?

    public init(_ participants: [Participant] = []) {
        for participant in participants { current.upsert(participant) }
    }

    /// The participants in the order they were first seen.
    public var participants: [Participant] { current.all }

    public var count: Int { current.all.count }

    /// True between sync_begin and sync_end.
    public var isSyncing: Bool { pending != nil }

    public subscript(uuid: String) -> Participant? { current.get(uuid) }

    /// Applies an event; returns true when ``participants`` changed.
    @discardableResult
    public mutating func apply(_ event: ConferenceEvent) -> Bool {
        let before = current
        switch event {
        case .participantSyncBegin:
            pending = OrderedParticipants()
        case .participantSyncEnd:
            if let pending { current = pending }
            pending = nil
        case .participantCreate(let participant), .participantUpdate(let participant):
            if pending != nil { pending!.upsert(participant) } else { current.upsert(participant) }
        case .participantDelete(let uuid):
            if pending != nil { pending!.remove(uuid) } else { current.remove(uuid) }
        default:
            break
        }
        return before != current
    }
}

/// Participants by uuid, remembering first-seen order.
struct OrderedParticipants: Sendable, Hashable {
    private var order: [String] = []
    private var byUUID: [String: Participant] = [:]

    var all: [Participant] { order.compactMap { byUUID[$0] } }

    func get(_ uuid: String) -> Participant? { byUUID[uuid] }

    mutating func upsert(_ participant: Participant) {
        if byUUID.updateValue(participant, forKey: participant.uuid) == nil {
            order.append(participant.uuid)
        }
    }

    mutating func remove(_ uuid: String) {
        if byUUID.removeValue(forKey: uuid) != nil {
            order.removeAll { $0 == uuid }
        }
    }
}
