import Foundation

/// `events.jsonl`: one JSON object per line (joins, leaves, chat, presentation start/stop…),
/// each with `t`, its time on the recording's timeline, and `wall`, the wall-clock time.
public actor EventLog {
    private let handle: FileHandle
    private let path: String

    public init(file: URL) throws {
        path = file.path
        if !FileManager.default.fileExists(atPath: file.path) {
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                throw CompanionError.outputNotWritable(file.path, reason: "cannot create the file")
            }
        }
        handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
    }

    /// Appends one line; `fields` must be JSON-serialisable (strings, numbers, bools, nested).
    public func append(event: String, time: Double, wall: Date = Date(), fields: [String: any Sendable] = [:]) throws {
        var object: [String: Any] = fields
        object["event"] = event
        object["t"] = (time * 1000).rounded() / 1000
        object["wall"] = RecordingTimeline.iso8601(wall)
        var data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        data.append(0x0A)
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw CompanionError.diskFull(path)
        }
    }

    public func close() {
        try? handle.synchronize()
        try? handle.close()
    }
}
