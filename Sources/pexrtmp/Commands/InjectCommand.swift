import Companion
import Foundation
import PexipClient
import RTMPMedia

/// `pexrtmp inject`: a media file into a meeting, as a participant's video or as the presentation.
struct InjectCommand: Command {
    let name = "inject"
    let summary = "Play a media file into a meeting as a participant or as the presentation."
    let usage = "--node HOST --conference ALIAS --file FILE [--as main|presentation] [--loop N|forever] [options]"
    let details = """
        Checks the file first (a missing, unreadable or corrupt file fails before anyone joins),
        then joins, asks the node for an RTMP call (present "send" with --as presentation),
        publishes the file in real time to the stream the node names, and at the end (or on
        Ctrl-C) disconnects the call and releases its token. H.264/AAC pass through; other codecs,
        sizes above 1920x1080 and odd sample rates are re-encoded (see `pexrtmp push --help`).
        A still image is shown for --duration (default 60s): handy as a presentation slide.
        """
    var options: [OptionSpec] {
        CommonOptions.specs + [
            .value("file", "FILE", "The media file (or still image) to play."),
            .value("as", "main|presentation", "Send it as this participant's video (default) or as the presentation."),
        ] + PushCommand.publishOptions + [
            .flag("rtmps", "Publish to the node's rtmps:// URL (TLS through librtmp/GnuTLS: NOT verified)."),
        ]
    }
    let examples = [
        "pexrtmp inject --node pexip.example.com --conference townhall --file welcome.mp4 --name \"Announcements\"",
        "pexrtmp inject --node pexip.example.com --conference training --file agenda.png --as presentation --duration 10m",
        "pexrtmp inject --node pexip.example.com --conference lobby --file music.mp3 --loop forever --max-bitrate 256",
        "pexrtmp inject --node http://127.0.0.1:8080 --conference idle --file talk.webm --start-at 2m   # the simulated node",
    ]

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let common = try CommonOptions(arguments, defaultName: "Injected media")
        let file = try arguments.required("file")
        var options = InjectOptions(publish: try PushCommand.publishOptions(arguments))
        options.role = try InjectOptions.Role(rawValue: arguments.choice("as", ["main", "presentation"]) ?? "main")!
        options.useRTMPS = arguments.flag("rtmps")
        options.connection = try PushCommand.connectionOptions(arguments)
        let log = CommandLog(format: common.logFormat, verbose: common.verbose)
        MediaLogRouting.install(log)
        if options.useRTMPS {
            log.warning("--rtmps goes through librtmp's GnuTLS: encrypted, but the node's certificate is NOT verified")
        }
        // Probe before joining: a bad file must not make a participant appear.
        let session: InjectSession
        do {
            session = try InjectSession(file: file, options: options) { notice in
                switch notice {
                case let .callCreated(callUUID, url): log.info("publishing", [("call", callUUID), ("url", url)])
                case let .callDisconnected(callUUID, nil): log.info("call disconnected", [("call", callUUID)])
                case let .callDisconnected(callUUID, error?):
                    log.warning("could not disconnect the call", [("call", callUUID), ("reason", error)])
                }
            }
        } catch {
            throw CommandFailure(error.description)
        }
        PushCommand.logProbe(session.probe, log)
        let joining = try Joining(common, log: log)
        let report = try await joining.withSession { joined in
            log.info("joined", [("conference", common.conference), ("as", common.displayName),
                                ("participant", joined.participantUUID)])
            return try await PushCommand.withProgress(session.publisher, log: log) {
                try await session.run(participant: joined.client.participant(joined.participantUUID))
            }
        }
        PushCommand.logSummary(report.summary, log)
        return report.summary.stopped ? .interrupted : .ok
    }
}
