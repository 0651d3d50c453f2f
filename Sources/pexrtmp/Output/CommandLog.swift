import Foundation
import Synchronization

/// Everything a command tells its user goes through here, on standard error:
/// log lines (plain or JSON) and, on a terminal, one progress line redrawn in place.
final class CommandLog: Sendable {
    enum Level: String, Sendable {
        case debug, info, warning, error
    }

    private struct State {
        var progress: String?
    }

    let format: LogFormat
    let verbose: Bool
    /// True when standard error is a terminal: progress is drawn, not logged.
    let isTerminal: Bool
    private let state = Mutex(State())

    init(format: LogFormat = .plain, verbose: Bool = false, isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.format = format
        self.verbose = verbose
        self.isTerminal = isTerminal && format == .plain
    }

    /// A log line: `12:03:04 info  message key=value`, or a JSON object with `--log-format json`.
    func log(_ level: Level, _ message: String, _ fields: [(String, String)] = []) {
        if level == .debug && !verbose { return }
        let line: String
        switch format {
        case .plain:
            let extra = fields.map { "\($0.0)=\(Self.quoteIfNeeded($0.1))" }.joined(separator: " ")
            let padded = level.rawValue.padding(8)
            line = "\(Self.clockTime()) \(padded)\(message)\(extra.isEmpty ? "" : " " + extra)"
        case .json:
            var object: [String: String] = ["time": Self.isoTime(), "level": level.rawValue, "msg": message]
            for (key, value) in fields { object[key] = value }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        }
        state.withLock { state in
            var text = ""
            if isTerminal, state.progress != nil { text += "\r\u{1B}[K" }
            text += line + "\n"
            if isTerminal, let progress = state.progress { text += progress }
            Self.write(text)
        }
    }

    func info(_ message: String, _ fields: [(String, String)] = []) { log(.info, message, fields) }
    func warning(_ message: String, _ fields: [(String, String)] = []) { log(.warning, message, fields) }
    func error(_ message: String, _ fields: [(String, String)] = []) { log(.error, message, fields) }

    /// Redraws the progress line on a terminal; elsewhere progress is left to periodic log lines.
    func progress(_ line: String) {
        guard isTerminal else { return }
        state.withLock { state in
            state.progress = line
            Self.write("\r\u{1B}[K" + line)
        }
    }

    /// Removes the progress line before a summary.
    func endProgress() {
        guard isTerminal else { return }
        state.withLock { state in
            if state.progress != nil { Self.write("\r\u{1B}[K") }
            state.progress = nil
        }
    }

    /// Plain text for the user on standard output (results, tables, summaries).
    func output(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    private static func quoteIfNeeded(_ value: String) -> String {
        value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : value
    }

    private static func clockTime() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    private static func isoTime() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
