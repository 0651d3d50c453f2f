import Companion
import Foundation
import PexipClient
import RTMPMedia

/// `pexrtmp slides`: joins without media and archives every slide presented.
struct SlidesCommand: Command {
    let name = "slides"
    let summary = "Archive the slides presented in a meeting (JPEGs, slides.json, index.html, slides.pdf)."
    let usage = "--node HOST --conference ALIAS --out DIR [--high] [--threshold N] [--duration D] [options]"
    let details = """
        Joins as a participant without media and, on every presentation frame, fetches the
        slide image with the token in force at that moment. Each new slide is kept once, as
        DIR/NNNN-MMmSSs.jpg (position and time since the start), with an entry in DIR/slides.json
        (time, wall clock, presenter, frame id, how long it stayed up). Frames that repeat the
        previous slide byte for byte, or differ from it only by encoder noise (--threshold), are
        skipped; a presenter going back to an earlier slide shows it again. Frames that arrive
        faster than they download are coalesced: only the newest is fetched.
        It stops when the meeting ends, after --duration, or on Ctrl-C; then it writes
        DIR/index.html (open it in a browser, no network needed) and DIR/slides.pdf (one slide a
        page, the JPEGs as they were sent), releases its token and exits 0.
        `pexrtmp record` archives slides the same way into its recording folder.
        """
    var options: [OptionSpec] {
        CommonOptions.specs + [
            .value("out", "DIR", "Folder for the slides (created if missing)."),
            .flag("high", "Fetch presentation_high.jpeg (more detail, more bytes)."),
            .value("threshold", "N",
                   "Near-duplicate threshold, 0-255 (default: \(SlideArchiver.defaultThreshold)): frames whose "
                       + "brightness differs from the previous slide by less than N in every cell of a 32x32 grid "
                       + "are the same slide; 0 keeps every frame that is not byte-identical."),
            .value("duration", "DURATION", "Stop after this long (e.g. 45m, 2h)."),
            .value("max-image-mib", "N", "Refuse slide images larger than N MiB (default: 20)."),
        ]
    }
    let examples = [
        "pexrtmp slides --node pexip.example.com --conference weekly --out ~/slides/weekly",
        "PEXRTMP_PIN=1234 pexrtmp slides --node pexip.example.com --conference board --out board --high --duration 2h",
        "pexrtmp slides --node http://127.0.0.1:8080 --conference quick --out /tmp/quick-slides   # the simulated node",
    ]

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let common = try CommonOptions(arguments, defaultName: "Slide archiver")
        let output = try arguments.required("out")
        var options = SlideArchiver.Options()
        options.threshold = try arguments.integer("threshold", in: 0...255) ?? SlideArchiver.defaultThreshold
        options.maxBytes = (try arguments.integer("max-image-mib", in: 1...1024) ?? 20) << 20
        options.title = "Slides: \(common.conference)"
        let high = arguments.flag("high")
        let duration = try arguments.duration("duration")
        let folder = URL(fileURLWithPath: output, isDirectory: true)
        try OutputCheck.writableFolder(output)

        let log = CommandLog(format: common.logFormat, verbose: common.verbose)
        MediaRuntime.prepare()
        MediaLogRouting.install(log)
        let joining = try Joining(common, log: log)
        let (reason, saved) = try await joining.withSession { joined in
            if joined.isWaiting {
                log.warning("the conference is locked: waiting for a Host to let the archiver in")
            }
            let timeline = RecordingTimeline()
            let client = joined.client
            let archiver = try SlideArchiver(
                folder: folder, timeline: timeline, options: options,
                fetch: { id, maxBytes in try await client.presentationFrame(id: id, highResolution: high, maxBytes: maxBytes) },
                log: { level, message in log.log(level == .warning ? .warning : .info, message) })
            log.info("archiving slides of \(common.conference) into \(folder.path)")
            let reason = await SlideEventLoop.run(events: joined.session.eventStream(), archiver: archiver,
                                                  timeline: timeline, duration: duration, log: log)
            // Finishing must not be cut short by the cancellation that may have stopped us.
            let finishing = Task { await archiver.finish(at: timeline.now()) }
            await finishing.value
            return (reason, await archiver.savedCount())
        }
        log.info("\(reason): \(saved) slide\(saved == 1 ? "" : "s") in \(folder.path) (index.html, slides.pdf)")
        if case .streamFailed(let why) = reason {
            throw CommandFailure("the events stream failed: \(why); the \(saved) slides so far are kept in \(folder.path)")
        }
        return .ok
    }
}

/// Feeds presentation events to the archiver until the meeting ends, the duration passes, or the
/// task is cancelled (SIGINT/SIGTERM).
enum SlideEventLoop {
    enum StopReason: Sendable, CustomStringConvertible {
        case meetingEnded
        case duration
        case interrupted
        case streamFailed(String)

        var description: String {
            switch self {
            case .meetingEnded: "the meeting ended"
            case .duration: "--duration reached"
            case .interrupted: "interrupted"
            case .streamFailed(let why): "events stream failed: \(why)"
            }
        }
    }

    static func run(events: EventStream, archiver: SlideArchiver, timeline: RecordingTimeline,
                    duration: Double?, log: CommandLog) async -> StopReason {
        await withTaskGroup(of: StopReason.self) { group in
            group.addTask { await consume(events.items(), archiver: archiver, timeline: timeline, log: log) }
            if let duration {
                group.addTask {
                    do {
                        try await Task.sleep(for: .seconds(duration))
                        return .duration
                    } catch {
                        return .interrupted
                    }
                }
            }
            let first = await group.next() ?? .interrupted
            group.cancelAll()
            return first
        }
    }

    private static func consume(_ items: AsyncStream<EventStreamItem>, archiver: SlideArchiver,
                                timeline: RecordingTimeline, log: CommandLog) async -> StopReason {
        for await item in items {
            switch item {
            case .event(let received):
                let now = timeline.now()
                switch received.event {
                case .presentationStart(let start):
                    log.info("presentation started by \(start.presenterName ?? "someone")")
                    await archiver.presentationStarted(start, at: now)
                case .presentationFrame(let frameID):
                    await archiver.frame(id: frameID ?? received.id, at: now)
                case .presentationStop:
                    log.info("presentation stopped")
                    await archiver.presentationStopped(at: now)
                case .disconnect(let reason):
                    log.info("the node disconnected us\(reason.map { ": \($0)" } ?? "")")
                default:
                    break
                }
            case .reconnecting(let attempt, _, let reason):
                log.warning("events stream dropped (\(reason)); reconnecting, attempt \(attempt)")
            case .reconnected:
                log.info("events stream reconnected")
            case .connected:
                break
            case .ended(let error):
                if Task.isCancelled { return .interrupted }
                return error.map { .streamFailed(String(describing: $0)) } ?? .meetingEnded
            }
        }
        return Task.isCancelled ? .interrupted : .meetingEnded
    }
}
