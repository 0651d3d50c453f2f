import Foundation
import RTMPMedia

/// Where one recording goes: `<out>/<template expanded>/`, the template strftime-style with
/// `{alias}` and `{name}` placeholders, e.g. the default `{alias}/%Y-%m-%dT%H-%M-%SZ`.
public struct RecordingFolder: Sendable {
    public static let defaultTemplate = "{alias}/%Y-%m-%dT%H-%M-%SZ"

    public let root: URL

    /// Expands the template (placeholders sanitised, time in UTC) below `output`.
    public init(output: String, template: String = RecordingFolder.defaultTemplate,
                alias: String, name: String, start: Date) {
        var expanded = template
            .replacingOccurrences(of: "{alias}", with: PathComponent.sanitize(alias))
            .replacingOccurrences(of: "{name}", with: PathComponent.sanitize(name))
        expanded = Self.strftimeUTC(expanded, start)
        let components = expanded.split(separator: "/").map { PathComponent.sanitize(String($0)) }
        var url = URL(fileURLWithPath: output, isDirectory: true)
        for component in components where component != "_" || components.count == 1 {
            url.appendPathComponent(component, isDirectory: true)
        }
        root = url
    }

    /// The folder for one track group (`main`, `presentation`).
    public func trackFolder(_ track: String) -> URL { root.appendingPathComponent(track, isDirectory: true) }

    public var manifest: URL { root.appendingPathComponent("manifest.json") }
    public var eventLog: URL { root.appendingPathComponent("events.jsonl") }
    public var slides: URL { root.appendingPathComponent("slides", isDirectory: true) }

    /// Creates the folder (and parents); fails with a clear message when it cannot.
    public func create() throws {
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw CompanionError.outputNotWritable(root.path, reason: (error as NSError).localizedDescription)
        }
        guard FileManager.default.isWritableFile(atPath: root.path) else {
            throw CompanionError.outputNotWritable(root.path, reason: "permission denied")
        }
    }

    static func strftimeUTC(_ format: String, _ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 512)
        let written = strftime(&buffer, buffer.count, format, &parts)
        guard written > 0 else { return format }
        return String(decoding: buffer[0..<written].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
