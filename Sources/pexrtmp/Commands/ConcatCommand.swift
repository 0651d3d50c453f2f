import Companion
import Foundation
import RTMPMedia

/// `pexrtmp concat`: one playable MP4 from a recording's segments.
struct ConcatCommand: Command {
    let name = "concat"
    let summary = "Join a recording's segments into one ordinary MP4 (faststart, chapters, no re-encoding)."
    let usage = "RECORDING_FOLDER -o FILE.mp4 [--track main|presentation]"
    let details = """
        Reads the folder's manifest.json, joins the track's segments in order without re-encoding
        (gaps are closed up), moves the index to the front so the file starts playing at once, and
        adds a chapter at the start and at each presentation.
        """
    let options: [OptionSpec] = [
        .value("output", "FILE", "The MP4 to write (also -o)."),
        .value("track", "NAME", "Which track to join (default: main)."),
    ]
    let examples = [
        "pexrtmp concat recordings/weekly/2026-12-04T10-00-00Z -o weekly.mp4",
        "pexrtmp concat recordings/weekly/2026-12-04T10-00-00Z --track presentation -o slides-video.mp4",
    ]

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        guard arguments.positionals.count == 1, let folder = arguments.positionals.first else {
            throw UsageError("give exactly one recording folder")
        }
        let output = try arguments.required("output")
        let plan = try RecordingConcat.plan(folder: folder, track: arguments.value("track"))
        let log = CommandLog()
        for file in plan.missing { log.warning("segment file missing, skipped", [("file", file)]) }
        let result = try SegmentConcatenator.concatenate(plan.inputs, to: output, chapters: plan.chapters)
        log.output("\(result.path): \(DurationText.clock(result.duration)) from \(result.segments) segment(s), "
            + "\(plan.chapters.count) chapter(s)")
        return .ok
    }
}
