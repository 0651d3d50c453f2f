import Foundation
import XCTest
@testable import RTMPMedia

/// kill -9 for real: this test bundle is started again as a child process that records a live
/// stream (the helper test below, active only with its environment variable), and is killed
/// mid-recording. Every file it left must play, and the open segment must have lost at most one
/// part of what the child had received.
final class CrashSafetyTests: XCTestCase {
    private static let helperDirectory = "RTMPMEDIA_CRASH_HELPER_DIR"
    private static let helperURL = "RTMPMEDIA_CRASH_HELPER_URL"
    private static let partDuration = 0.5

    func testKillDashNineLeavesPlayableFilesAndLosesAtMostOnePart() throws {
        guard RTMPServer.isAvailable else { throw XCTSkip("nginx with the RTMP module is not installed") }
        let server = try RTMPServer()
        defer { server.stop() }
        let publisher = try Publisher(url: server.url("crash"))
        defer { publisher.stop() }
        let out = makeTemporaryDirectory("crash")
        defer { try? FileManager.default.removeItem(atPath: out) }

        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["RTMPMediaTests.CrashSafetyTests/testHelperRecordsUntilKilled"]
        var environment = ProcessInfo.processInfo.environment
        environment[Self.helperDirectory] = out
        environment[Self.helperURL] = server.url("crash")
        child.environment = environment
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        defer { if child.isRunning { kill(child.processIdentifier, SIGKILL) } }

        let progressFile = out + "/progress.txt"
        XCTAssertTrue(waitUntil(timeout: 20) { (try? self.segmentFiles(out).count) ?? 0 >= 2 }, "the child records")
        usleep(1_300_000) // somewhere inside a segment, between parts
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        XCTAssertEqual(child.terminationReason, .uncaughtSignal)

        // Every file under a final name plays and starts on a keyframe.
        let files = try segmentFiles(out)
        XCTAssertGreaterThanOrEqual(files.count, 2)
        for name in files {
            XCTAssertTrue(try Probe.decodesCleanly(out + "/" + name), "\(name) plays after kill -9")
            let probe = try Probe(out + "/" + name)
            XCTAssertEqual(probe.streams.map(\.codec).sorted(), ["aac", "h264"], name)
            XCTAssertEqual(probe.video.first?.key, true, name)
        }

        // What the child had received vs what its open segment kept.
        let lines = try String(contentsOfFile: progressFile, encoding: .utf8).split(separator: "\n")
        let head = try XCTUnwrap(lines.last { $0.hasPrefix("head ") }.flatMap { Double($0.dropFirst(5)) })
        let created = lines.filter { $0.hasPrefix("created ") }.map { $0.split(separator: " ") }
        let last = try XCTUnwrap(created.last)
        let lastFile = String(last[1]), lastStart = try XCTUnwrap(Double(last[2]))
        XCTAssertEqual(lastFile, files.last)
        let kept = lastStart + (try Probe(out + "/" + lastFile).span?.end ?? 0)
        // Allowed: one part, plus one frame (each track holds its latest packet back until the
        // next gives its duration). The head is sampled, so it may lag the true one by ~0.1 s.
        XCTAssertLessThanOrEqual(head - kept, Self.partDuration + 0.05, "lost at most one part (head \(head), kept \(kept))")
    }

    /// The child's side: records until killed, logging segment starts and the media head.
    func testHelperRecordsUntilKilled() throws {
        let env = ProcessInfo.processInfo.environment
        guard let out = env[Self.helperDirectory], let url = env[Self.helperURL] else {
            throw XCTSkip("helper for testKillDashNineLeavesPlayableFilesAndLosesAtMostOnePart")
        }
        let log = FileHandle(forWritingAtPath: out + "/progress.txt") ?? {
            _ = FileManager.default.createFile(atPath: out + "/progress.txt", contents: nil)
            return FileHandle(forWritingAtPath: out + "/progress.txt")!
        }()
        let lock = NSLock()
        let write: @Sendable (String) -> Void = { line in
            lock.lock(); defer { lock.unlock() }
            log.write(Data((line + "\n").utf8))
        }
        var options = RecorderOptions()
        options.segmentDuration = 2
        options.partDuration = Self.partDuration
        let recorder = StreamRecorder(source: .rtmp(url), outputDirectory: out, options: options) { event in
            if case .segment(.created(let r)) = event { write("created \(r.fileName) \(r.mediaStart)") }
        }
        try recorder.start()
        while true {
            write("head \(recorder.progress.mediaDuration)")
            usleep(50_000)
        }
    }

    private func segmentFiles(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".mp4") && !$0.hasPrefix(".") }.sorted()
    }
}
