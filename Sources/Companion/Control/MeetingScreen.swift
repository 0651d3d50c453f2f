import Foundation
import PexipClient

/// Renders ``MeetingState`` as the lines of `pexrtmp watch`'s terminal view:
///
///     demo  ·  unlocked  ·  guests may speak  ·  connected  ·  4 participants
///     presenting: Bob
///
///        NAME         ROLE   STATE       AUDIO  FLAGS
///     ▶  Alice        host   conference  on     spotlight
///        Bob          guest  conference  muted  presenting
///
///     chat:
///       16:02:11  Alice: hello
public enum MeetingScreen {
    public static func lines(_ state: MeetingState, width: Int = 100, maxParticipants: Int = 40) -> [String] {
        var lines = [header(state)]
        lines.append("presenting: " + (state.presenter.map(TextTable.printable) ?? "nobody"))
        if state.isSyncing { lines.append("(receiving the participant list…)") }
        lines.append("")
        let participants = state.participants
        let shown = participants.prefix(maxParticipants)
        let rows = shown.map { participantRow($0, in: state) }
        let table = TextTable.render(headers: ["", "NAME", "ROLE", "STATE", "AUDIO", "FLAGS"], rows: rows)
        lines += table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if participants.count > shown.count {
            lines.append("   … and \(participants.count - shown.count) more")
        }
        lines.append("")
        if state.chat.isEmpty {
            lines.append("chat: (no messages yet)")
        } else {
            lines.append("chat:")
            for line in state.chat {
                let marker = line.direct ? " (private)" : ""
                lines.append("  \(clock(line.time))  \(TextTable.printable(line.from))\(marker): \(TextTable.printable(line.text))")
            }
        }
        if let reason = state.disconnectReason {
            lines.append("")
            lines.append("disconnected: \(TextTable.printable(reason))")
        }
        return lines.map { clip($0, to: width) }
    }

    static func header(_ state: MeetingState) -> String {
        var parts = [state.alias]
        switch state.locked {
        case true?: parts.append("LOCKED")
        case false?: parts.append("unlocked")
        case nil: parts.append("lock unknown")
        }
        switch state.guestsMuted {
        case true?: parts.append("guests MUTED")
        case false?: parts.append("guests may speak")
        case nil: break
        }
        parts.append(connectionText(state.connection))
        let count = state.participants.count
        parts.append(count == 1 ? "1 participant" : "\(count) participants")
        if let view = state.layoutView { parts.append("layout \(view)") }
        return parts.joined(separator: "  ·  ")
    }

    static func connectionText(_ connection: MeetingState.Connection) -> String {
        switch connection {
        case .connecting: return "connecting"
        case .connected: return "connected"
        case .reconnecting(let attempt, _): return "reconnecting (attempt \(attempt))"
        case .ended: return "ended"
        }
    }

    static func participantRow(_ participant: Participant, in state: MeetingState) -> [String] {
        let marker = state.isSpeaking(participant.uuid) ? "▶" : (state.stageIndex(participant.uuid) == 0 ? "·" : "")
        var name = TextTable.printable(participant.displayName ?? participant.uuid)
        if participant.uuid == state.selfUUID { name += " (you)" }
        var flags: [String] = []
        if participant.isPresenting == true || participant.uuid == state.presenterUUID { flags.append("presenting") }
        if participant.isSpotlighted { flags.append("spotlight") }
        if !participant.canReceivePresentation { flags.append("no-presentation") }
        if participant.isStreamingConference == true { flags.append("streaming") }
        if participant.isVideoMuted == true { flags.append("video-off") }
        return [
            marker,
            name,
            participant.role?.description ?? "-",
            participant.serviceType?.rawValue ?? "-",
            participant.isMuted == true ? "muted" : "on",
            flags.joined(separator: " "),
        ]
    }

    static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let local = seconds + TimeZone.current.secondsFromGMT(for: date)
        let day = ((local % 86_400) + 86_400) % 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(day / 3600)):\(two(day / 60 % 60)):\(two(day % 60))"
    }

    static func clip(_ line: String, to width: Int) -> String {
        guard width > 1, line.count > width else { return line }
        return String(line.prefix(width - 1)) + "…"
    }
}
