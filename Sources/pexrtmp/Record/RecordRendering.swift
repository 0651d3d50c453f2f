import Companion
import Foundation

/// How `record` shows what happens: a log line per notice, a progress line on a terminal
/// (or a progress log line every 30 s elsewhere), and the summary at the end.
struct RecordRendering: Sendable {
    let log: CommandLog

    var reporter: RecordReporter {
        let log = self.log
        let lastProgressLog = LastTime()
        return RecordReporter(
            notice: { notice in RecordRendering.render(notice, log) },
            progress: { progress in
                let line = RecordRendering.progressLine(progress)
                if log.isTerminal {
                    log.progress(line)
                } else if lastProgressLog.elapsed(atLeast: 30) {
                    log.info("progress", [("elapsed", DurationText.clock(progress.elapsed)),
                                          ("kbps_in", String(Int(progress.bitsPerSecondIn / 1000))),
                                          ("segments", String(progress.segments)),
                                          ("slides", String(progress.slides)),
                                          ("participants", String(progress.participants))])
                }
            })
    }

    static func progressLine(_ p: RecordProgress) -> String {
        let rate = p.bitsPerSecondIn >= 1_000_000
            ? String(format: "%.1f Mbit/s", p.bitsPerSecondIn / 1_000_000)
            : String(format: "%.0f kbit/s", p.bitsPerSecondIn / 1000)
        return "● rec \(DurationText.clock(p.elapsed))  in \(rate)  segments \(p.segments)  slides \(p.slides)"
            + "  participants \(p.participants)" + (p.presenting ? "  presenting" : "")
    }

    static func render(_ notice: RecordNotice, _ log: CommandLog) {
        switch notice {
        case .started(let folder, let callUUID, _):
            log.info("recording", [("folder", folder), ("call", callUUID)])
        case .unverifiedRTMPS:
            log.warning("rtmps: librtmp's TLS does not verify the node's certificate")
        case .trackStarted(let track):
            log.info("\(track) stream connected")
        case .segmentFinished(let track, let file, let duration):
            log.info("segment done", [("track", track), ("file", file), ("seconds", String(format: "%.1f", duration))])
        case .trackReconnecting(let track, let reason):
            log.warning("\(track) stream dropped, reconnecting", [("reason", reason)])
        case .gap(let track, let seconds):
            log.warning("\(track) stream resumed after a gap", [("seconds", String(format: "%.1f", seconds))])
        case .presentationStarted(let presenter):
            log.info("presentation started", [("presenter", presenter ?? "?")])
        case .presentationStopped:
            log.info("presentation stopped")
        case .slideSaved(let file):
            log.info("slide saved", [("file", file)])
        case .journal(let event, let fields):
            switch event {
            case "participant_join": log.info("joined", [("name", fields["name"] ?? "?")])
            case "participant_leave": log.info("left", [("name", fields["name"] ?? "?")])
            case "chat": log.log(.debug, "chat", [("from", fields["from"] ?? "?"), ("text", fields["text"] ?? "")])
            default: break
            }
        case .eventsReconnecting(let reason):
            log.warning("events stream dropped, reconnecting", [("reason", reason)])
        case .warning(let text):
            log.warning(text)
        case .stopping(let reason):
            log.info("stopping: \(reason)")
        }
    }

    func printSummary(_ s: RecordSummary) {
        var lines = ["Recorded \(DurationText.clock(s.elapsed)) into \(s.folder)"]
        for track in s.segments.keys.sorted() {
            let seconds = s.recordedSeconds[track] ?? 0
            lines.append("  \(track): \(s.segments[track] ?? 0) segment(s), \(DurationText.clock(seconds)) of media")
        }
        if s.gaps > 0 { lines.append("  gaps: \(s.gaps) (see manifest.json)") }
        lines.append("  slides: \(s.slides)")
        lines.append("  stopped because \(s.reason)")
        if log.format == .json {
            log.info("summary", [("folder", s.folder), ("elapsed", String(format: "%.1f", s.elapsed)),
                                 ("reason", s.reason.description), ("slides", String(s.slides))])
        } else {
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}

/// Rate-limits periodic log lines.
final class LastTime: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast

    func elapsed(atLeast seconds: Double) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard Date().timeIntervalSince(last) >= seconds else { return false }
        last = Date()
        return true
    }
}
