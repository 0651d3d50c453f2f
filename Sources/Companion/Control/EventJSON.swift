import Foundation
import PexipClient

/// One event as one line of JSON for `pexrtmp watch --json`:
/// `{"event": "participant_create", "time": "2026-12-04T16:00:00.123Z", "id": "7", "data": {…}}`.
///
/// `event` is the name the node sent (`message_received` stays `message_received`); `data` is
/// the decoded payload (flags as booleans), the raw JSON for events the client does not model,
/// and absent for events without data.
public enum EventJSON {
    public static func object(_ received: ReceivedEvent) -> JSONValue {
        var fields: [String: JSONValue] = [
            "event": .string(received.name),
            "time": .string(Timestamp.iso8601(received.receivedAt)),
        ]
        if let id = received.id, !id.isEmpty { fields["id"] = .string(id) }
        if let data = data(received.event) { fields["data"] = data }
        return .object(fields)
    }

    /// The object as one line (sorted keys, no line breaks).
    public static func line(_ received: ReceivedEvent) -> String {
        JSONLine.encode(object(received))
    }

    static func data(_ event: ConferenceEvent) -> JSONValue? {
        switch event {
        case .presentationStart(let start):
            return compact([
                "presenter_name": start.presenterName.map(JSONValue.string),
                "presenter_uri": start.presenterURI.map(JSONValue.string),
                "presenter_uuid": start.presenterUUID.map(JSONValue.string),
            ])
        case .presentationStop, .participantSyncBegin, .participantSyncEnd, .refreshToken:
            return nil
        case .presentationFrame(let frameID):
            return frameID.map { .object(["frame_id": .string($0)]) }
        case .participantCreate(let participant), .participantUpdate(let participant):
            return ParticipantJSON.object(participant)
        case .participantDelete(let uuid):
            return .object(["uuid": .string(uuid)])
        case .conferenceUpdate(let status):
            return ConferenceStatusJSON.object(status)
        case .layout(let layout):
            return compact([
                "view": layout.view.map(JSONValue.string),
                "participants": .array(layout.participants.map(JSONValue.string)),
                "requested_layout": layout.requestedLayout,
                "overlay_text_enabled": layout.overlayTextEnabled.map(JSONValue.bool),
            ])
        case .message(let message):
            return compact([
                "origin": message.origin.map(JSONValue.string),
                "uuid": message.uuid.map(JSONValue.string),
                "type": message.type.map(JSONValue.string),
                "payload": .string(message.payload),
                "direct": .bool(message.direct),
            ])
        case .stage(let entries):
            return .array(entries.map { entry in
                .object([
                    "participant_uuid": .string(entry.participantUUID),
                    "stage_index": .number(Double(entry.stageIndex)),
                    "vad": .number(Double(entry.vad)),
                ])
            })
        case .callDisconnected(let call):
            return compact([
                "call_uuid": call.callUUID.map(JSONValue.string),
                "reason": call.reason.map(JSONValue.string),
            ])
        case .disconnect(let reason):
            return compact(["reason": reason.map(JSONValue.string)])
        case .unknown(_, let data):
            let trimmed = data.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return nil }
            return JSONValue(json: trimmed) ?? .string(data)
        }
    }

    private static func compact(_ fields: [String: JSONValue?]) -> JSONValue {
        .object(fields.compactMapValues { $0 })
    }
}
