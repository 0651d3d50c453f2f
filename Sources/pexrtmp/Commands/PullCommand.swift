import Companion
import Foundation

/// `pexrtmp pull`: any RTMP stream(s) to segmented MP4, no Pexip signalling.
struct PullCommand: Command {
    let name = "pull"
    let summary = "Record any RTMP stream(s) (or media files) to segmented MP4, no Pexip signalling."
    let usage = "RTMP_URL|FILE [RTMP_URL|FILE …] [--out DIR] [--segment D] [--part D] [--duration D]"
    let details = """
        Uses the same crash-safe writer as `record`. Several URLs are recorded side by side in one
        process, each into <out>/<stream name>/ with its own manifest.json. Live streams reconnect
        with back-off after a drop and go on in a new segment; files are remuxed as fast as they read.
        """
    let options: [OptionSpec] = [
        .value("out", "DIR", "Where to write (default: ./recordings)."),
        .value("segment", "DURATION", "Start a new file at the first keyframe after this long (default: 60s)."),
        .value("part", "DURATION", "Flush a fragment to disk at least this often (default: 1s)."),
        .value("duration", "DURATION", "Stop after this long."),
        .value("log-format", "plain|json", "Log lines as plain text (default) or JSON."),
        .flag("verbose", "More log lines."),
    ]
    let examples = [
        "pexrtmp pull rtmp://media.example.com/live/stream1 --out ./captures --duration 1h",
        "pexrtmp pull rtmp://host/live/a rtmp://host/live/b rtmp://host/live/c --segment 5m",
        "pexrtmp pull old-recording.flv --out ./remuxed",
    ]

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        guard !arguments.positionals.isEmpty else { throw UsageError("give at least one RTMP URL or file") }
        let format = try LogFormat(arguments.choice("log-format", ["plain", "json"]) ?? "plain")
        let log = CommandLog(format: format, verbose: arguments.flag("verbose"))
        var options = PullSession.Options(output: arguments.value("out") ?? "recordings")
        options.segmentSeconds = try arguments.duration("segment") ?? 60
        options.partSeconds = try arguments.duration("part") ?? 1
        options.duration = try arguments.duration("duration")
        for input in arguments.positionals {
            if input.contains("://") {
                guard input.hasPrefix("rtmp://") || input.hasPrefix("rtmps://") else {
                    throw UsageError("\(input): only rtmp:// and rtmps:// URLs (or local files) can be pulled")
                }
            } else if !FileManager.default.isReadableFile(atPath: input) {
                throw CommandFailure("\(input): no readable file there")
            }
        }
        try OutputCheck.writableFolder(options.output)
        MediaLogRouting.install(log)
        let session = PullSession(inputs: arguments.positionals, options: options) { notice in
            switch notice {
            case .started(let source, let folder): log.info("recording", [("source", source), ("folder", folder)])
            case .segmentFinished(_, let file, let duration):
                log.info("segment done", [("file", file), ("seconds", String(format: "%.1f", duration))])
            case .reconnecting(let source, let reason): log.warning("stream dropped, reconnecting", [("source", source), ("reason", reason)])
            case .ended(let source, let outcome): log.info("ended", [("source", source), ("outcome", outcome)])
            }
        }
        let manifests = try await session.run()
        var failed = false
        for (source, manifest) in zip(session.sources, manifests) {
            let segments = manifest.tracks.values.flatMap(\.segments)
            let seconds = segments.reduce(0) { $0 + $1.duration }
            log.info("done", [("source", source.input), ("segments", String(segments.count)),
                              ("seconds", String(format: "%.1f", seconds))])
            if segments.isEmpty { failed = true }
        }
        if failed { throw CommandFailure("nothing was recorded from at least one source (see the log above)") }
        return .ok
    }
}
