import Foundation

/// Maps an SSE name and data text to a ``ConferenceEvent``. Never throws: what it cannot
/// read becomes `.unknown` with the raw data.
enum EventDecoder {
    static func decode(name: String, data: String, id: String?) -> ConferenceEvent {
        let json = Data(data.utf8)
        func read<T: Decodable>(_ type: T.Type) -> T? {
            try? JSONDecoder().decode(T.self, from: json)
        }
        let unknown = ConferenceEvent.unknown(name: name, data: data)
        switch name {
        case "presentation_start":
            return read(PresentationStart.self).map(ConferenceEvent.presentationStart) ?? unknown
        case "presentation_stop":
            return .presentationStop
        case "presentation_frame":
            return .presentationFrame(frameID: id)
        case "participant_create":
            return read(Participant.self).map(ConferenceEvent.participantCreate) ?? unknown
        case "participant_update":
            return read(Participant.self).map(ConferenceEvent.participantUpdate) ?? unknown
        case "participant_delete":
            let uuid = read(JSONValue.self)?["uuid"]?.stringValue
            return uuid.map { ConferenceEvent.participantDelete(uuid: $0) } ?? unknown
        case "participant_sync_begin":
            return .participantSyncBegin
        case "participant_sync_end":
            return .participantSyncEnd
        case "conference_update":
            return read(ConferenceStatus.self).map(ConferenceEvent.conferenceUpdate) ?? unknown
        case "layout":
            return read(Layout.self).map(ConferenceEvent.layout) ?? unknown
        case "message", "message_received":
            return read(ChatMessage.self).map(ConferenceEvent.message) ?? unknown
        case "stage":
            return read([StageEntry].self).map(ConferenceEvent.stage) ?? unknown
        case "call_disconnected":
            return read(CallDisconnected.self).map(ConferenceEvent.callDisconnected) ?? unknown
        case "disconnect":
            return .disconnect(reason: read(JSONValue.self)?["reason"]?.stringValue)
        case "refresh_token":
            return .refreshToken
        default:
            return unknown
        }
    }
}
