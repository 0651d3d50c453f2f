import Foundation
import XCTest
@testable import RTMPMedia

/// Records a local FLV file (the same demux → normalise → segment path as RTMP, without the
/// network) and checks the segments with ffprobe.
final class FileRecordingTests: XCTestCase {
    static let sample: String = {
        let path = NSTemporaryDirectory() + "rtmpmedia-sample-\(getpid()).flv"
        if !FileManager.default.fileExists(atPath: path) {
            _ = try? runTool("/usr/bin/ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                                                 "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000", "-t", "9",
                                                 "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-sc_threshold", "0",
                                                 "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "flv", path])
        }
        return path
    }()

    func testFileIsSegmentedOnKeyframesWithContinuousTimestamps() throws {
        let out = makeTemporaryDirectory("file")
        defer { try? FileManager.default.removeItem(atPath: out) }
        var options = RecorderOptions()
        options.segmentDuration = 2
        options.partDuration = 0.5
        let log = EventLog()
        let recorder = StreamRecorder(source: .file(Self.sample), outputDirectory: out, options: options) { log.append($0) }
        try recorder.start()
        XCTAssertEqual(recorder.wait(), .ended)

        let segments = log.finishedSegments
        XCTAssertGreaterThanOrEqual(segments.count, 4)
        XCTAssertEqual(segments.map(\.fileName).first, "000001.mp4")
        XCTAssertEqual(Set(log.createdSegments.map(\.index)), Set(segments.map(\.index)))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "no temporary files after a clean finish")

        var previousLastVideoDTS = -Double.infinity
        for segment in segments {
            let probe = try Probe(segment.path)
            XCTAssertEqual(probe.streams.map(\.codec).sorted(), ["aac", "h264"], segment.fileName)
            XCTAssertEqual(probe.streams.first { $0.type == "video" }?.width, 640)
            XCTAssertEqual(probe.video.first?.key, true, "\(segment.fileName) starts on a keyframe")
            XCTAssertEqual(probe.video.first?.dts ?? -1, 0, accuracy: 0.0001, "file time starts at the keyframe")
            let dts = probe.video.map { $0.dts + segment.mediaStart }
            XCTAssertEqual(dts, dts.sorted(), "DTS monotonic in \(segment.fileName)")
            XCTAssertGreaterThan(dts.first ?? -1, previousLastVideoDTS, "DTS runs on across segments")
            previousLastVideoDTS = dts.last ?? previousLastVideoDTS
            XCTAssertTrue(try Probe.decodesCleanly(segment.path), "\(segment.fileName) decodes")
            XCTAssertNil(segment.gapBefore)
        }
        let total = segments.map(\.duration).reduce(0, +)
        XCTAssertEqual(total, 9, accuracy: 0.2, "durations add up to the input")
        for (a, b) in zip(segments, segments.dropFirst()) {
            XCTAssertEqual(a.start + a.duration, b.start, accuracy: 0.05, "segments line up on the timeline")
        }
        XCTAssertEqual(segments.dropLast().map { ($0.duration * 10).rounded() / 10 }, Array(repeating: 2.0, count: segments.count - 1))
    }

    func testAudioOnlyRecordingCutsOnAnyPacket() throws {
        let dir = makeTemporaryDirectory("audio")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try runTool("/usr/bin/ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", "3.5",
                                        "-c:a", "aac", "-f", "flv", dir + "/audio.flv"])
        var options = RecorderOptions()
        options.segmentDuration = 1
        options.partDuration = 0.25
        let log = EventLog()
        let recorder = StreamRecorder(source: .file(dir + "/audio.flv"), outputDirectory: dir + "/main", options: options) { log.append($0) }
        try recorder.start()
        XCTAssertEqual(recorder.wait(), .ended)
        let segments = log.finishedSegments
        XCTAssertEqual(segments.count, 4)
        XCTAssertTrue(segments.allSatisfy { $0.tracks == [.audio] })
        for s in segments.dropLast() { XCTAssertEqual(s.duration, 1, accuracy: 0.03, s.fileName) }
        XCTAssertEqual(segments.map(\.duration).reduce(0, +), 3.5, accuracy: 0.05)
        for s in segments { XCTAssertTrue(try Probe.decodesCleanly(s.path), s.fileName) }
    }
}
