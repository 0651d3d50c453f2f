import Foundation
import XCTest
@testable import RTMPMedia

/// Recording onto a file system that fills up: a clear error, and what was written stays
/// playable. Needs a small tmpfs (root); skipped elsewhere.
final class DiskFullTests: XCTestCase {
    private var mountPoint: String?

    override func setUpWithError() throws {
        let dir = makeTemporaryDirectory("full")
        let status = try? runTool("/bin/sh", ["-c", "mount -t tmpfs -o size=1200k tmpfs \(dir) && echo ok"])
        guard status?.contains("ok") == true else {
            try? FileManager.default.removeItem(atPath: dir)
            throw XCTSkip("cannot mount a small tmpfs here")
        }
        mountPoint = dir
    }

    override func tearDown() {
        if let mountPoint {
            _ = try? runTool("/bin/umount", [mountPoint])
            try? FileManager.default.removeItem(atPath: mountPoint)
        }
    }

    func testFullDiskFailsClearlyAndKeepsWhatWasWritten() throws {
        let out = mountPoint! + "/main"
        var options = RecorderOptions()
        options.segmentDuration = 2
        options.partDuration = 0.5
        let log = EventLog()
        let recorder = StreamRecorder(source: .file(FileRecordingTests.sample), outputDirectory: out, options: options) { log.append($0) }
        try recorder.start()
        guard case .failed(let why) = recorder.wait() else { return XCTFail("a full disk must fail the recording") }
        XCTAssertTrue(why.contains("No space left on device"), why)

        let finished = log.finishedSegments
        XCTAssertGreaterThanOrEqual(finished.count, 1, "segments before the disk filled up are complete")
        for segment in finished {
            XCTAssertTrue(try Probe.decodesCleanly(segment.path), "\(segment.fileName) still plays")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: out)
        for name in names where name.hasSuffix(".mp4") {
            let probe = try Probe(out + "/" + name)
            XCTAssertEqual(probe.video.first?.key, true, "\(name) opens and starts on a keyframe")
        }
        XCTAssertTrue(names.allSatisfy { !$0.hasSuffix(".tmp") }, "no temporary file left: \(names)")
    }
}
