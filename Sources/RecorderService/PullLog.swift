import Glibc
import Synchronization

/// Log lines on standard error, `16:55:30 info    message key=value`, or one JSON object per
/// line with `--log-format json` (the same shapes as the rest of pexrtmp).
final class PullLog: Sendable {
    enum Level: String, Sendable {
        case debug, info, warning, error
    }

    let json: Bool
    let verbose: Bool
    private let lock = Mutex(())

    init(json: Bool, verbose: Bool) {
        self.json = json
        self.verbose = verbose
    }

    func log(_ level: Level, _ message: String, _ fields: [(String, String)] = []) {
        if level == .debug && !verbose { return }
        var line: String
        if json {
            var all = [("level", level.rawValue), ("msg", message), ("time", WallClock.iso8601())]
            for field in fields where !all.contains(where: { $0.0 == field.0 }) { all.append(field) }
            all.sort { $0.0 < $1.0 }
            line = "{" + all.map { JSONText.quoted($0.0) + ":" + JSONText.quoted($0.1) }.joined(separator: ",") + "}"
        } else {
            let padded = level.rawValue + String(repeating: " ", count: max(1, 8 - level.rawValue.count))
            line = WallClock.timeOfDay() + " " + padded + message
            for (key, value) in fields { line += " " + key + "=" + Self.quoteIfNeeded(value) }
        }
        line += "\n"
        lock.withLock { _ in Self.write(line, to: 2) }
    }

    func info(_ message: String, _ fields: [(String, String)] = []) { log(.info, message, fields) }
    func warning(_ message: String, _ fields: [(String, String)] = []) { log(.warning, message, fields) }

    static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    private static func quoteIfNeeded(_ value: String) -> String {
        guard value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else { return value }
        var escaped = ""
        for character in value { escaped += character == "\"" ? "\\\"" : String(character) }
        return "\"" + escaped + "\""
    }
}

/// Seconds with one decimal, as the summary prints them (`%.1f` without Foundation).
func oneDecimal(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "0.0" }
    let tenths = Int64((max(0, seconds) * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}
