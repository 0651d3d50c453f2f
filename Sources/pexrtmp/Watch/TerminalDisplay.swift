import Companion
import Foundation
import PexipClient

/// `watch` on a terminal: the meeting redrawn in place on the alternate screen after every
/// event, left with a one-line summary when the watch ends.
final class TerminalDisplay: WatchDisplay {
    private var state: MeetingState
    private var active = false

    init(alias: String, selfUUID: String) {
        state = MeetingState(alias: alias, selfUUID: selfUUID)
    }

    func show(_ item: EventStreamItem) {
        state.apply(item)
        if !active {
            Console.raw(Terminal.enterAlternateScreen + Terminal.hideCursor)
            active = true
        }
        // The list arrives one participant at a time; draw it once it is whole.
        if !state.isSyncing { draw() }
    }

    func finish(reason: String) {
        if active {
            Console.raw(Terminal.showCursor + Terminal.leaveAlternateScreen)
            active = false
        }
        let count = state.participants.count
        Console.err("pexrtmp watch: \(reason) (\(count) participant\(count == 1 ? "" : "s") at the end, \(state.eventCount) events)")
    }

    private func draw() {
        let size = Terminal.size()
        let lines = MeetingScreen.lines(state, width: size.columns, maxParticipants: max(3, size.rows - 14))
        let visible = lines.prefix(max(1, size.rows - 1))
        Console.raw(Terminal.home + visible.map { $0 + Terminal.clearToEndOfLine }.joined(separator: "\n")
            + "\n" + Terminal.clearToEndOfScreen)
    }
}
