import Foundation
import RTMPMedia

/// `pexrtmp concat`: a recording folder's segments of one track joined into one ordinary MP4
/// (faststart, no re-encoding), with a chapter at the start and at each presentation.
public enum RecordingConcat {
    public struct Plan: Sendable, Equatable {
        public var inputs: [String]
        public var chapters: [ChapterMark]
        /// Segments listed in the manifest whose files are gone.
        public var missing: [String]
    }

    /// Reads `manifest.json` in `folder` and works out what to join. `track` defaults to `main`
    /// (or the only track, for a `pull` folder).
    public static func plan(folder: String, track requested: String?) throws -> Plan {
        let root = URL(fileURLWithPath: folder, isDirectory: true)
        let manifestURL = root.appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            throw CompanionError.invalidInput("\(folder) has no manifest.json: is it a pexrtmp recording folder?")
        }
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: data)
        } catch {
            throw CompanionError.invalidInput("\(manifestURL.path) is not a pexrtmp manifest: \(error)")
        }
        let name = requested ?? (manifest.tracks["main"] != nil ? "main" : manifest.tracks.keys.sorted().first)
        guard let name, let track = manifest.tracks[name] else {
            let known = manifest.tracks.keys.sorted().joined(separator: ", ")
            throw CompanionError.invalidInput("no track \(requested ?? "main") in the manifest (tracks: \(known.isEmpty ? "none" : known))")
        }
        let segments = track.segments.sorted { $0.start < $1.start }
        var inputs: [String] = []
        var missing: [String] = []
        var present: [(start: Double, duration: Double)] = []
        for segment in segments {
            let path = root.appendingPathComponent(segment.file).path
            if FileManager.default.fileExists(atPath: path) {
                inputs.append(path)
                present.append((segment.start, segment.duration))
            } else {
                missing.append(segment.file)
            }
        }
        guard !inputs.isEmpty else { throw CompanionError.invalidInput("track \(name) has no segment files to join") }
        var chapters = [ChapterMark(title: "Start", start: 0)]
        for (index, presentation) in manifest.presentations.enumerated() {
            let at = SegmentConcatenator.outputTime(forRecordingTime: presentation.start, segments: present)
            let who = presentation.presenterName.map { " by \($0)" } ?? ""
            chapters.append(ChapterMark(title: "Presentation \(index + 1)\(who)", start: at))
        }
        return Plan(inputs: inputs, chapters: chapters, missing: missing)
    }
}
