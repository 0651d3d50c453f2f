import CommandLineOptions

/// The help of `pexrtmp pull`, shared by the launcher (`pexrtmp pull --help`) and the full CLI's
/// command list (`pexrtmp --help`).
public enum PullHelp {
    public static let name = "pull"
    public static let summary = "Record any RTMP stream(s) (or media files) to segmented MP4, no Pexip signalling."
    public static let usage = "RTMP_URL|FILE [RTMP_URL|FILE …] [--out DIR] [--segment D] [--part D] [--duration D]"
    public static let details = """
        Uses the same crash-safe writer as `record`. Several URLs are recorded side by side in one
        process, each into <out>/<stream name>/ with its own manifest.json. Live streams reconnect
        with back-off after a drop and go on in a new segment; files are remuxed as fast as they read.
        """
    public static let options: [OptionSpec] = [
        .value("out", "DIR", "Where to write (default: ./recordings)."),
        .value("segment", "DURATION", "Start a new file at the first keyframe after this long (default: 60s)."),
        .value("part", "DURATION", "Flush a fragment to disk at least this often (default: 1s)."),
        .value("duration", "DURATION", "Stop after this long."),
        .value("log-format", "plain|json", "Log lines as plain text (default) or JSON."),
        .flag("verbose", "More log lines."),
    ]
    public static let examples = [
        "pexrtmp pull rtmp://media.example.com/live/stream1 --out ./captures --duration 1h",
        "pexrtmp pull rtmp://host/live/a rtmp://host/live/b rtmp://host/live/c --segment 5m",
        "pexrtmp pull old-recording.flv --out ./remuxed",
    ]

    /// `pexrtmp pull --help`, laid out like every other command's help.
    public static let help = CommandHelp(name: name, summary: summary, usage: usage, details: details,
                                         options: options, examples: examples)
}
