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

/// The few ANSI sequences and the window size the terminal view needs.
enum Terminal {
    static let enterAlternateScreen = "\u{1B}[?1049h"
    static let leaveAlternateScreen = "\u{1B}[?1049l"
    static let hideCursor = "\u{1B}[?25l"
    static let showCursor = "\u{1B}[?25h"
    static let home = "\u{1B}[H"
    static let clearToEndOfLine = "\u{1B}[K"
    static let clearToEndOfScreen = "\u{1B}[J"

    /// Rows and columns of the terminal on standard output (24×80 when unknown).
    static func size() -> (rows: Int, columns: Int) {
        var window = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
            return (24, 80)
        }
        return (Int(window.ws_row), Int(window.ws_col))
    }
}
