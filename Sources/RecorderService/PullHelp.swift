/// The help of `pexrtmp pull`, shared by the launcher (`pexrtmp pull --help`) and the full CLI's
/// command list (`pexrtmp --help`).
public enum PullHelp {
    public struct Option: Sendable {
        public let name: String
        /// nil for a flag.
        public let placeholder: String?
        public let help: String

        var synopsis: String { placeholder.map { "--\(name) \($0)" } ?? "--\(name)" }
    }

    public static let name = "pull"
    public static let summary = "Record any RTMP stream(s) (or media files) to segmented MP4, no Pexip signalling."
    public static let usage = "RTMP_URL|FILE [RTMP_URL|FILE …] [--out DIR] [--segment D] [--part D] [--duration D]"
    public static let details = """
        Uses the same crash-safe writer as `record`. Several URLs are recorded side by side in one
        process, each into <out>/<stream name>/ with its own manifest.json. Live streams reconnect
        with back-off after a drop and go on in a new segment; files are remuxed as fast as they read.
        """
    public static let options: [Option] = [
        Option(name: "out", placeholder: "DIR", help: "Where to write (default: ./recordings)."),
        Option(name: "segment", placeholder: "DURATION", help: "Start a new file at the first keyframe after this long (default: 60s)."),
        Option(name: "part", placeholder: "DURATION", help: "Flush a fragment to disk at least this often (default: 1s)."),
        Option(name: "duration", placeholder: "DURATION", help: "Stop after this long."),
        Option(name: "log-format", placeholder: "plain|json", help: "Log lines as plain text (default) or JSON."),
        Option(name: "verbose", placeholder: nil, help: "More log lines."),
    ]
    public static let examples = [
        "pexrtmp pull rtmp://media.example.com/live/stream1 --out ./captures --duration 1h",
        "pexrtmp pull rtmp://host/live/a rtmp://host/live/b rtmp://host/live/c --segment 5m",
        "pexrtmp pull old-recording.flv --out ./remuxed",
    ]

    /// `pexrtmp pull --help`, laid out like every other command's help.
    static var text: String {
        let width = min(30, (options.map(\.synopsis.count).max() ?? 6) + 2)
        func row(_ synopsis: String, _ help: String) -> String {
            if synopsis.count + 2 > width { return "  " + synopsis + "\n  " + pad("", width) + help }
            return "  " + pad(synopsis, width) + help
        }
        var lines = ["Usage: pexrtmp \(name) \(usage)", "", summary, "", details, "", "Options:"]
        lines += options.map { row($0.synopsis, $0.help) }
        lines.append("  " + pad("--help", width) + "Show this help.")
        lines += ["", "Examples:"] + examples.map { "  " + $0 }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
