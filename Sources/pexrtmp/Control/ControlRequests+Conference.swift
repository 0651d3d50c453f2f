import Companion
import PexipClient

/// Conference control functions: the conference as a whole.
extension ControlRequests {
    static let jsonOption = OptionSpec.flag("json", "Print the result as JSON.")

    static let conference: [ControlRequest] = [
        ControlRequest(
            "status", "Show whether the conference is locked and Guests are muted.",
            options: [jsonOption],
            examples: [example("status"), example("status --json | jq .locked")]
        ) { context in
            let status = try await context.client.conferenceStatus()
            if context.wantsJSON {
                Console.out(JSONLine.encode(ConferenceStatusJSON.object(status)))
            } else {
                Console.out("locked: \(yesNo(status.locked))")
                Console.out("guests muted: \(yesNo(status.guestsMuted))")
            }
            return .ok
        },
        ControlRequest(
            "participants", "List the participants: a table, or JSON with --json.",
            details: "The table's AUDIO column shows administrative mute; (you) marks this tool's own participant.",
            options: [jsonOption],
            examples: [example("participants"), example("participants --json | jq -r '.[].display_name'")]
        ) { context in
            let participants = try await context.client.participants()
            if context.wantsJSON {
                Console.out(JSONLine.encode(.array(participants.map(ParticipantJSON.object))))
            } else {
                Console.out(ParticipantTable.render(participants, selfUUID: context.joined.participantUUID))
            }
            return .ok
        },
        simple("lock", "Lock the conference: new Guests wait in the waiting room (Host only).",
               done: "locked") { try await $0.lock() },
        simple("unlock", "Unlock the conference; waiting participants come in (Host only).",
               done: "unlocked") { try await $0.unlock() },
        simple("start", "Start the conference: Guests in the waiting room join (Host only).",
               done: "started") { try await $0.startConference() },
        simple("mute-guests", "Mute all Guests (Host only).",
               done: "guests muted") { try await $0.muteGuests() },
        simple("unmute-guests", "Let all Guests speak again (Host only).",
               done: "guests unmuted") { try await $0.unmuteGuests() },
        simple("disconnect-all", "End the meeting for everyone, this tool included (Host only).",
               done: "disconnected everyone") { try await $0.disconnectAll() },
        ControlRequest(
            "message", "Send a chat message to everyone.", arguments: [.rest("TEXT")],
            details: "Words after `message` are joined by spaces; quote the text to keep it exact.",
            options: [.value("type", "MIME", "Content type of the message (default text/plain).")],
            examples: [example("message \"Break until 14:00\"")]
        ) { context in
            let type = context.arguments.value("type") ?? "text/plain"
            let sent = try await context.client.sendMessage(context.values[0], type: type)
            return try context.finish(sent, "message sent")
        },
    ]

    /// A request with no arguments whose result is the node's true/false.
    private static func simple(_ name: String, _ summary: String, done: String,
                               _ call: @escaping @Sendable (ConferenceClient) async throws -> Bool) -> ControlRequest {
        ControlRequest(name, summary, examples: [example(name)]) { context in
            try context.finish(try await call(context.client), done)
        }
    }

    static func yesNo(_ flag: Bool?) -> String {
        switch flag {
        case true?: return "yes"
        case false?: return "no"
        case nil: return "unknown"
        }
    }
}
