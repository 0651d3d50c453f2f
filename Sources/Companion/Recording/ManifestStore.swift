import Foundation

/// Owns a recording's manifest and rewrites `manifest.json` atomically (temporary file, then
/// rename) after every change, so a crash leaves the last complete manifest on disk.
public actor ManifestStore {
    private var manifest: Manifest
    private let file: URL
    private let encoder: JSONEncoder

    public init(manifest: Manifest, file: URL) {
        self.manifest = manifest
        self.file = file
        encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    }

    public var current: Manifest { manifest }

    /// Writes the manifest as it stands (the first write proves the folder is writable).
    public func touch() throws {
        try write()
    }

    /// Adds or replaces the segment whose file name matches.
    public func record(segment: Manifest.Segment, track: String) throws {
        var entry = manifest.tracks[track] ?? Manifest.Track()
        if let index = entry.segments.firstIndex(where: { $0.file == segment.file }) {
            entry.segments[index] = segment
        } else {
            entry.segments.append(segment)
            if segment.gapBefore > 0 {
                entry.gaps.append(Manifest.Gap(start: segment.start - segment.gapBefore,
                                               duration: segment.gapBefore, reason: "connection dropped"))
            }
        }
        manifest.tracks[track] = entry
        try write()
    }

    public func presentationStarted(at time: Double, presenterName: String?, presenterUUID: String?) throws {
        manifest.presentations.append(
            Manifest.Presentation(start: time, stop: nil, presenterName: presenterName, presenterUUID: presenterUUID))
        try write()
    }

    public func presentationStopped(at time: Double) throws {
        guard let last = manifest.presentations.indices.last, manifest.presentations[last].stop == nil else { return }
        manifest.presentations[last].stop = time
        try write()
    }

    public func finish(endedAt: String, reason: String) throws {
        manifest.endedAt = endedAt
        manifest.endReason = reason
        if let last = manifest.presentations.indices.last, manifest.presentations[last].stop == nil {
            manifest.presentations[last].stop = manifest.tracks.values
                .flatMap(\.segments).map { $0.start + $0.duration }.max()
        }
        try write()
    }

    private func write() throws {
        let data = try encoder.encode(manifest)
        try AtomicFile.write(data, to: file)
    }
}

/// Whole-file writes that never leave a half-written file under the final name.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw CompanionError.outputNotWritable(url.path, reason: String(cString: strerror(errno)))
            }
        } catch let error as CompanionError {
            throw error
        } catch {
            let code = (error as NSError).code
            try? FileManager.default.removeItem(at: temporary)
            if code == NSFileWriteOutOfSpaceError || code == Int(ENOSPC) {
                throw CompanionError.diskFull(url.path)
            }
            throw CompanionError.outputNotWritable(url.path, reason: (error as NSError).localizedDescription)
        }
    }
}
