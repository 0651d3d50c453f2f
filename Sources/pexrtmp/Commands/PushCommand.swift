import Companion
import Foundation
import RTMPMedia

/// `pexrtmp push`: a media file to any RTMP server in real time, no Pexip signalling.
struct PushCommand: Command {
    let name = "push"
    let summary = "Publish a media file to any RTMP server in real time (no Pexip signalling)."
    let usage = "FILE RTMP_URL [--loop N|forever] [--start-at T] [--max-bitrate K] [options]"
    let details = """
        Reads any file FFmpeg can read. H.264 video and AAC audio (44.1/48 kHz, up to 2 channels,
        up to 1920x1080) go out as they are; anything else is re-encoded to H.264 (libx264
        veryfast/zerolatency) and AAC, scaled down to fit 1920x1080. Audio-only and video-only files
        work; a still image (JPEG, PNG...) goes out as a low-frame-rate video for --duration.
        Packets leave on the monotonic clock at their timestamps, like `ffmpeg -re`, with no burst
        at the start and no drift; loops keep timestamps increasing. The file is checked before
        connecting. A server that stops taking data fails the push after --send-timeout instead
        of hanging. Ctrl-C stops between packets.
        """
    static let publishOptions: [OptionSpec] = [
        .value("loop", "N|forever", "Play the file N times, or until stopped (default: 1)."),
        .value("start-at", "TIME", "Start this far into the file (each loop too), at the keyframe before it."),
        .value("max-bitrate", "KBPS", "Cap the outgoing bitrate (kbit/s); pass-through above it is re-encoded."),
        .value("duration", "TIME", "How long one play of a still image lasts (default: 60s)."),
        .flag("transcode", "Re-encode even H.264/AAC that could pass through."),
        .value("send-timeout", "TIME", "Fail when the server takes no data for this long (default: 5s)."),
    ]
    var options: [OptionSpec] {
        Self.publishOptions + [
            .value("log-format", "plain|json", "Log lines as plain text (default) or JSON."),
            .flag("verbose", "More log lines."),
        ]
    }
    let examples = [
        "pexrtmp push talk.mp4 rtmp://media.example.com/live/stream1",
        "pexrtmp push intro.webm rtmp://127.0.0.1/live/test --loop forever --max-bitrate 1500",
        "pexrtmp push slide.png rtmp://127.0.0.1/live/slide --duration 5m",
        "pexrtmp push lecture.mkv rtmp://host/app/key --start-at 12m30s --loop 2",
    ]

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        guard arguments.positionals.count == 2 else { throw UsageError("give a FILE and an RTMP_URL") }
        let (file, url) = (arguments.positionals[0], arguments.positionals[1])
        let lower = url.lowercased()
        guard lower.hasPrefix("rtmp://") || lower.hasPrefix("rtmps://") else {
            throw UsageError("\(url): give an rtmp:// (or rtmps://) URL")
        }
        let format = try LogFormat(arguments.choice("log-format", ["plain", "json"]) ?? "plain")
        let log = CommandLog(format: format, verbose: arguments.flag("verbose"))
        let options = try Self.publishOptions(arguments)
        let connection = try Self.connectionOptions(arguments)
        MediaLogRouting.install(log)
        if lower.hasPrefix("rtmps://") {
            log.warning("rtmps:// goes through librtmp's GnuTLS: encrypted, but the server certificate is NOT verified")
        }
        let publisher: FilePublisher
        do {
            publisher = try FilePublisher(path: file, options: options)
        } catch {
            throw CommandFailure(error.description)
        }
        Self.logProbe(publisher.probe, log)
        log.info("publishing", [("url", url)])
        let summary = try await Self.withProgress(publisher, log: log) {
            try await publisher.publish(to: url, connection: connection)
        }
        Self.logSummary(summary, log)
        return summary.stopped ? .interrupted : .ok
    }

    // MARK: shared with `inject`

    static func publishOptions(_ arguments: ParsedArguments) throws(UsageError) -> PublishOptions {
        var options = PublishOptions()
        if let text = arguments.value("loop") {
            guard let loop = PublishOptions.Loop(text: text) else {
                throw UsageError("--loop takes a count of 1 or more, or \"forever\" (got \"\(text)\")")
            }
            options.loop = loop
        }
        if let text = arguments.value("start-at") {
            guard let seconds = clockSeconds(text) ?? DurationText.seconds(text), seconds >= 0 else {
                throw UsageError("--start-at takes a time such as 90s, 1m30s or 1:30 (got \"\(text)\")")
            }
            options.startAt = seconds
        }
        options.maxBitrateKbps = try arguments.integer("max-bitrate", in: 64...100_000)
        options.stillImageDuration = try arguments.duration("duration") ?? 60
        options.forceTranscode = arguments.flag("transcode")
        return options
    }

    /// `1:30` or `1:02:03` as seconds.
    static func clockSeconds(_ text: String) -> Double? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count > 1, parts.count <= 3 else { return nil }
        var total = 0.0
        for part in parts {
            guard let value = Double(part), value >= 0 else { return nil }
            total = total * 60 + value
        }
        return total
    }

    static func connectionOptions(_ arguments: ParsedArguments) throws(UsageError) -> RTMPConnection.Options {
        var options = RTMPConnection.Options()
        options.sendTimeout = try arguments.duration("send-timeout") ?? 5
        options.receiveTimeout = max(5, Int(options.sendTimeout.rounded(.up)))
        return options
    }

    static func logProbe(_ probe: MediaProbe, _ log: CommandLog) {
        var fields = [("file", probe.path), ("format", probe.formatName)]
        if let duration = probe.duration { fields.append(("duration", InjectProgressLine.clock(duration))) }
        log.info("opened", fields)
        if let v = probe.video {
            log.info("video", [("codec", v.codec), ("size", "\(v.width)x\(v.height)"), ("action", v.action.description)]
                + (v.action == .passThrough ? [] : [("out", "h264 \(v.outputWidth)x\(v.outputHeight) \(v.outputBitrateKbps ?? 0) kbit/s")]))
        }
        if let a = probe.audio {
            log.info("audio", [("codec", a.codec), ("rate", "\(a.sampleRate)"), ("channels", "\(a.channels)"),
                               ("action", a.action.description)]
                + (a.action == .passThrough ? [] : [("out", "aac \(a.outputSampleRate) Hz \(a.outputChannels) ch")]))
        }
        for warning in probe.warnings { log.warning(warning) }
    }

    /// Runs `body` while redrawing the progress line on a terminal twice a second (and
    /// without waking up at all elsewhere).
    static func withProgress<T: Sendable>(_ publisher: FilePublisher, log: CommandLog,
                                          _ body: () async throws -> T) async throws -> T {
        guard log.isTerminal else { return try await body() }
        let loop = publisher.options.loop
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                let progress = publisher.progress
                if progress.state == .publishing { log.progress(InjectProgressLine.text(progress, loop: loop)) }
            }
        }
        defer {
            ticker.cancel()
            log.endProgress()
        }
        return try await body()
    }

    static func logSummary(_ summary: PublishSummary, _ log: CommandLog) {
        log.endProgress()
        log.info(summary.stopped ? "stopped" : "done", [
            ("sent", InjectProgressLine.clock(summary.sentSeconds)),
            ("loops", String(summary.loopsCompleted)),
            ("bytes", String(summary.bytesSent)),
            ("wall", String(format: "%.1fs", summary.wallSeconds)),
        ])
    }
}
