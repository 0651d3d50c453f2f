import Foundation
import XCTest
@testable import RTMPMedia

final class RuntimeTests: XCTestCase {
    func testPrepareIsIdempotentAndReportsVersions() {
        MediaRuntime.prepare()
        MediaRuntime.prepare()
        XCTAssertTrue(MediaRuntime.libraryVersions.contains("libavformat 59."))
        XCTAssertFalse(MediaRuntime.rtmpsIsVerified)
        XCTAssertEqual(raise(SIGPIPE), 0, "SIGPIPE is ignored: this process is still here")
    }

    func testUnverifiedTLSIsVisible() {
        XCTAssertTrue(MediaSource.rtmp("rtmps://node/app/stream").isUnverifiedTLS)
        XCTAssertTrue(MediaSource.rtmp("RTMPS://node/app/stream").isUnverifiedTLS)
        XCTAssertFalse(MediaSource.rtmp("rtmp://node/app/stream").isUnverifiedTLS)
        XCTAssertFalse(MediaSource.file("/x.flv").isUnverifiedTLS)
    }

    func testLibraryLogLinesReachTheSink() throws {
        final class Lines: @unchecked Sendable {
            let lock = NSLock()
            var all: [(MediaLog.Level, String, String)] = []
        }
        let lines = Lines()
        MediaLog.setSink(threshold: .warning) { level, source, message in
            lines.lock.lock(); lines.all.append((level, source, message)); lines.lock.unlock()
        }
        defer {
            MediaLog.setSink(threshold: .warning) { level, source, message in
                var line = "[\(source)] \(level): \(message)\n"
                line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
            }
        }
        let garbage = NSTemporaryDirectory() + "rtmpmedia-garbage-\(getpid()).mp4"
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: garbage))
        defer { try? FileManager.default.removeItem(atPath: garbage) }
        XCTAssertThrowsError(try SegmentConcatenator.concatenate([garbage], to: garbage + ".out.mp4"))
        lines.lock.lock(); defer { lines.lock.unlock() }
        XCTAssertTrue(lines.all.contains { $0.1 == "ffmpeg" && $0.0 <= .warning }, "\(lines.all)")
        XCTAssertTrue(lines.all.allSatisfy { !$0.2.hasSuffix("\n") }, "lines come without their newline")
    }
}
