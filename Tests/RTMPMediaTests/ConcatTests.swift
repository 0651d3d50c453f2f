import Foundation
import XCTest
@testable import RTMPMedia

final class ConcatTests: XCTestCase {
    func testJoinsSegmentsIntoOneFaststartMP4WithChapters() throws {
        let dir = makeTemporaryDirectory("concat")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = RecorderOptions()
        options.segmentDuration = 2
        options.partDuration = 0.5
        let log = EventLog()
        let recorder = StreamRecorder(source: .file(FileRecordingTests.sample), outputDirectory: dir + "/main",
                                      options: options) { log.append($0) }
        try recorder.start()
        XCTAssertEqual(recorder.wait(), .ended)
        let segments = log.finishedSegments
        XCTAssertGreaterThanOrEqual(segments.count, 4)

        let output = dir + "/meeting.mp4"
        let result = try SegmentConcatenator.concatenate(
            segments.map(\.path), to: output,
            chapters: [ChapterMark(title: "Start", start: 0), ChapterMark(title: "Slides", start: 3.5)])
        let sum = segments.map(\.duration).reduce(0, +)
        XCTAssertEqual(result.duration, sum, accuracy: 0.1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output + ".tmp"))

        let probe = try Probe(output)
        XCTAssertEqual(probe.duration ?? 0, sum, accuracy: 0.15, "duration matches the sum of the segments")
        XCTAssertEqual(probe.chapters.map(\.title), ["Start", "Slides"])
        XCTAssertEqual(probe.chapters.first?.start ?? -1, 0, accuracy: 0.01)
        XCTAssertEqual(probe.chapters.last?.start ?? -1, 3.5, accuracy: 0.01)
        XCTAssertEqual(probe.chapters.last?.end ?? -1, sum, accuracy: 0.15)
        XCTAssertEqual(probe.video.first?.key, true)
        let dts = probe.video.map(\.dts)
        XCTAssertEqual(dts, dts.sorted())
        let steps = zip(dts, dts.dropFirst()).map { $1 - $0 }
        XCTAssertLessThan(steps.max() ?? 1, 0.05, "no holes between joined segments")
        XCTAssertTrue(try Probe.decodesCleanly(output))
        XCTAssertTrue(try isFaststart(output), "moov before mdat")
    }

    func testOutputTimeSkipsGaps() {
        let segments: [(start: Double, duration: Double)] = [(0, 10), (10, 10), (25, 10)]
        XCTAssertEqual(SegmentConcatenator.outputTime(forRecordingTime: 5, segments: segments), 5)
        XCTAssertEqual(SegmentConcatenator.outputTime(forRecordingTime: 22, segments: segments), 20)
        XCTAssertEqual(SegmentConcatenator.outputTime(forRecordingTime: 30, segments: segments), 25)
        XCTAssertEqual(SegmentConcatenator.outputTime(forRecordingTime: 99, segments: segments), 30)
    }

    func testMissingInputIsAClearError() {
        XCTAssertThrowsError(try SegmentConcatenator.concatenate(["/nonexistent/000001.mp4"], to: "/tmp/x.mp4")) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/000001.mp4"), "\(error)")
        }
    }

    /// Top-level boxes in order: faststart puts moov before mdat.
    private func isFaststart(_ path: String) throws -> Bool {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var offset = 0
        var order: [String] = []
        while offset + 8 <= data.count {
            let size = data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            order.append(String(decoding: data[offset + 4..<offset + 8], as: UTF8.self))
            guard size >= 8 else { break }
            offset += size
        }
        guard let moov = order.firstIndex(of: "moov"), let mdat = order.firstIndex(of: "mdat") else { return false }
        return moov < mdat
    }
}
