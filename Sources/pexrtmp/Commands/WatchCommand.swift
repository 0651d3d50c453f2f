import Foundation
import PexipClient

/// `pexrtmp watch`: joins without media and shows the meeting live until the node lets go.
struct WatchCommand: Command {
    let name = "watch"
    let summary = "Show a meeting live: participants, speakers, presenter, lock, chat; or its events as JSON lines."
    let usage = "--node HOST --conference ALIAS [--json] [OPTIONS]"
    let details = """
        Joins as a participant without media (display name "pexrtmp watch" unless --name) and follows
        the conference's events. On a terminal the meeting is redrawn in place: each participant with
        role, state, mute and flags (presenting, spotlight), ▶ for who is speaking now, the lock and
        guest-mute state, who presents, and the last chat lines.

        With --json, or when standard output is not a terminal, every event is one JSON object per line:
        {"event": NAME, "time": ISO-8601, "id": SSE-ID, "data": DECODED-DATA}; flags are booleans,
        and events the tool does not know keep their data as the node sent it.

        The token is refreshed and a dropped events stream reconnected (with a full participant
        re-sync) for as long as the meeting lasts. Exits 0 when the node disconnects this participant
        or the meeting ends, 1 when the node stays unreachable; the token is released on every exit,
        Ctrl-C included.
        """
    let options: [OptionSpec] = [
        .flag("json", "One JSON object per event per line, even on a terminal."),
    ] + CommonOptions.specs
    let examples = [
        "pexrtmp watch --node pexip.example.com --conference meet.alice",
        "pexrtmp watch --node pexip.example.com --conference meet.alice --json | jq -c 'select(.event == \"message_received\") | .data'",
    ]

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let common = try CommonOptions(arguments, defaultName: "pexrtmp watch")
        let json = arguments.flag("json") || !Console.outputIsTerminal
        let log = CommandLog(format: common.logFormat, verbose: common.verbose)
        // On the terminal view the header shows the connection; only errors go to the log there.
        let joining = try Joining(common, log: log, libraryLevel: json ? .warning : .error)
        return try await joining.withSession { joined in
            if joined.isWaiting {
                log.warning("\"\(common.conference)\" is locked: waiting in the waiting room until a Host admits this participant")
            }
            log.log(.debug, "watching \(common.conference) as \(joined.participantUUID)")
            let display: any WatchDisplay = json
                ? JSONEventsDisplay(log: log)
                : TerminalDisplay(alias: common.conference, selfUUID: joined.participantUUID)
            let watch = MeetingWatch(session: joined.session, display: display)
            let end = await watch.run()
            display.finish(reason: end.summary)
            if case .failed(let error) = end { throw error }
            return .ok
        }
    }
}
