import Foundation

/// Links from the slide index into a recording: for a moment on the timeline, the segment of
/// the `main` track that holds it and the offset into it, as `../main/000003.mp4#t=12.5`
/// (relative to the slides folder, which sits inside the recording folder).
public struct RecordingLinks: Sendable {
    private let segments: [Manifest.Segment]
    private let prefix: String

    /// - Parameters:
    ///   - manifest: the recording's manifest.
    ///   - track: the track group to link into.
    ///   - prefix: how the slides folder reaches the recording folder (`../`).
    public init(manifest: Manifest, track: String = "main", prefix: String = "../") {
        segments = (manifest.tracks[track]?.segments ?? []).sorted { $0.start < $1.start }
        self.prefix = prefix
    }

    /// Reads `manifest.json` from `recordingFolder`; nil when there is none (no recording).
    public init?(recordingFolder: URL, track: String = "main", prefix: String = "../") {
        let file = recordingFolder.appendingPathComponent("manifest.json")
        guard let data = try? Data(contentsOf: file),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else { return nil }
        self.init(manifest: manifest, track: track, prefix: prefix)
    }

    /// The link for `time`, or nil when no segment covers it (before the media started, in a gap).
    /// The last segment also covers a little past its recorded duration, which may lag.
    public func link(at time: Double) -> String? {
        for (index, segment) in segments.enumerated().reversed() where segment.start <= time + 0.25 {
            let isLast = index == segments.count - 1
            let slack = isLast ? 5.0 : 0.25
            guard time <= segment.start + segment.duration + slack else { return nil }
            let offset = max(0, time - segment.start)
            return prefix + segment.file + "#t=" + String(format: "%.1f", offset)
        }
        return nil
    }
}
