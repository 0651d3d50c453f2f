import Foundation
import RTMPMedia

/// Collects a recorder's events from its thread.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [RecorderEvent] = []
    /// For each `.created` report: whether its file existed under its final name at that moment
    /// (it must: the rename happens before the report).
    private(set) var createdFileExisted: [Bool] = []

    func append(_ e: RecorderEvent) {
        lock.lock()
        events.append(e)
        if case .segment(.created(let r)) = e {
            createdFileExisted.append(FileManager.default.fileExists(atPath: r.path))
        }
        lock.unlock()
    }
    var all: [RecorderEvent] { lock.lock(); defer { lock.unlock() }; return events }

    var finishedSegments: [SegmentReport] {
        all.compactMap { if case .segment(.finished(let r)) = $0 { r } else { nil } }
    }
    var createdSegments: [SegmentReport] {
        all.compactMap { if case .segment(.created(let r)) = $0 { r } else { nil } }
    }
    var gaps: [Double] { all.compactMap { if case .gap(let s) = $0 { s } else { nil } } }
    var reconnects: Int { all.filter { if case .reconnecting = $0 { true } else { false } }.count }
}

/// Checks shared by the recording tests: every segment is H.264 + AAC, starts on a keyframe,
/// plays, and the timestamps run on across segments.
struct SegmentChecks {
    var probes: [Probe] = []

    init(_ reports: [SegmentReport], file: StaticString = #filePath, line: UInt = #line) throws {
        for report in reports {
            let probe = try Probe(report.path)
            probes.append(probe)
        }
    }
}
