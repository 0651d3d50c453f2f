import Companion
import Foundation
import PexipClient

/// `pexrtmp record`: a meeting to crash-safe segmented MP4, main mix and presentation.
struct RecordCommand: Command {
    let name = "record"
    let summary = "Record a meeting (main mix and presentation) to crash-safe segmented MP4."
    let usage = "--node HOST --conference ALIAS [--out DIR] [options]"
    let details = """
        Joins as a streaming participant, asks the node for an RTMP call and records the main mix
        into <out>/<alias>/<start time>/main/*.mp4 and each presentation into presentation/*.mp4,
        with manifest.json (every segment on one timeline), events.jsonl (joins, leaves, chat,
        presentations) and the slides shown (slides/). A fragment reaches the disk every --part,
        so a crash loses at most that much and every file on disk plays. It stops by itself when
        the meeting ends, after --duration, or on Ctrl-C, and always hangs up and releases its
        token. `pexrtmp concat FOLDER -o meeting.mp4` joins the segments afterwards.
        """
    var options: [OptionSpec] {
        CommonOptions.specs + [
            .value("out", "DIR", "Where recordings go (default: ./recordings)."),
            .value("folder-template", "TEMPLATE",
                   "Folder below --out, strftime-style with {alias} and {name} (default: \(RecordingFolder.defaultTemplate); UTC)."),
            .value("segment", "DURATION", "Start a new file at the first keyframe after this long (default: 60s)."),
            .value("part", "DURATION", "Flush a fragment to disk at least this often (default: 1s)."),
            .flag("no-presentation", "Do not record the presentation stream."),
            .flag("no-slides", "Do not archive presentation frames as slides."),
            .flag("high", "Archive slides from presentation_high.jpeg."),
            .value("duration", "DURATION", "Stop after this long (e.g. 90m, 1h)."),
            .flag("rtmps", "Play the rtmps:// URL (TLS through librtmp/GnuTLS: NOT verified)."),
            .value("main-suffix", "TEXT", "Stream name suffix of the main mix (default: -stream)."),
            .value("presentation-suffix", "TEXT", "Stream name suffix of the presentation (default: -presentation)."),
        ]
    }
    let examples = [
        "pexrtmp record --node pexip.example.com --conference weekly --out ~/recordings",
        "PEXRTMP_PIN=1234 pexrtmp record --node pexip.example.com --conference board --duration 2h",
        "pexrtmp record --node http://127.0.0.1:8080 --conference demo --segment 20s   # the simulated node",
    ]

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let common = try CommonOptions(arguments, defaultName: "Recorder")
        let log = CommandLog(format: common.logFormat, verbose: common.verbose)
        var options = RecordOptions(output: arguments.value("out") ?? "recordings")
        options.folderTemplate = arguments.value("folder-template") ?? RecordingFolder.defaultTemplate
        options.segmentSeconds = try arguments.duration("segment") ?? 60
        options.partSeconds = try arguments.duration("part") ?? 1
        guard options.segmentSeconds >= 1 else { throw UsageError("--segment must be at least 1s") }
        guard options.partSeconds >= 0.1, options.partSeconds <= options.segmentSeconds else {
            throw UsageError("--part must be between 100ms and --segment")
        }
        options.presentation = !arguments.flag("no-presentation")
        options.slides = !arguments.flag("no-slides")
        options.duration = try arguments.duration("duration")
        options.rtmps = arguments.flag("rtmps")
        options.naming = StreamNaming(mainSuffix: arguments.value("main-suffix") ?? "-stream",
                                      presentationSuffix: arguments.value("presentation-suffix") ?? "-presentation")
        // Fail on an unusable output folder before anyone sees us join.
        try OutputCheck.writableFolder(options.output)

        MediaLogRouting.install(log)
        let joining = try Joining(common)
        let reporter = RecordRendering(log: log).reporter
        let summary = try await joining.withSession { joined in
            if joined.isWaiting {
                log.warning("the conference is locked: waiting for a Host to let the recorder in")
            }
            let session = RecordSession(session: joined.session, selfUUID: joined.participantUUID,
                                        conference: common.conference, displayName: common.displayName,
                                        options: options, reporter: reporter,
                                        slideSinkFactory: SlideArchiving.factory(high: arguments.flag("high"), log: log))
            return try await session.run()
        }
        log.endProgress()
        RecordRendering(log: log).printSummary(summary)
        if !summary.reason.isClean {
            throw CommandFailure("\(summary.reason); what was recorded is kept in \(summary.folder)")
        }
        return .ok
    }
}
