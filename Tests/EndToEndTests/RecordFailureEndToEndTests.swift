import Foundation
import XCTest

/// `pexrtmp record` when things go wrong: kill -9, a dropped RTMP connection, bad input, a full
/// disk. Each must leave every file on disk playable and fail (or carry on) clearly.
final class RecordFailureEndToEndTests: SimulatorTestCase {

    private func onlyRecording(in out: URL, alias: String) throws -> URL {
        let base = out.appendingPathComponent(alias)
        let folders = try FileManager.default.contentsOfDirectory(atPath: base.path)
        XCTAssertEqual(folders.count, 1)
        return base.appendingPathComponent(try XCTUnwrap(folders.first))
    }

    private func mp4Files(_ folder: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".mp4") && !$0.hasPrefix(".") }.sorted()
            .map { folder.appendingPathComponent($0).path }
    }

    private func endMeeting(_ alias: String) throws {
        try simulator().post("/meeting/end", ["conference": alias])
    }

    func testKillNineLosesAtMostOnePartAndEveryFilePlays() throws {
        let node = try simulator()
        let out = try temporaryFolder()
        let part = 0.5
        let run = try CommandRun.pexrtmp(["record", "--node", node.http, "--conference", "idle", "--out", out.path,
                                          "--segment", "3s", "--part", "500ms", "--no-presentation"])
        addTeardownBlock { try? self.endMeeting("idle") }
        Thread.sleep(forTimeInterval: 8.5)
        let killedAt = Date()
        run.signal(SIGKILL)
        run.wait(timeout: 10)
        let folder = try onlyRecording(in: out, alias: "idle")
        let files = try mp4Files(folder.appendingPathComponent("main"))
        XCTAssertGreaterThanOrEqual(files.count, 2, "8 s in 3 s segments")
        var total = 0.0
        for file in files {
            let probe = try FFprobe.probe(file)
            XCTAssertEqual(Set(probe.streams.map(\.codecName)), ["h264", "aac"], file)
            XCTAssertEqual(probe.videoPackets.first?.key, true, "\(file) starts on a keyframe")
            XCTAssertTrue(try FFprobe.decodesCleanly(file), "\(file) does not play after kill -9")
            total += probe.duration
        }
        // Media began when the first segment starts on the timeline; everything from then until
        // the kill is on disk but at most one part (plus the RTMP buffer's latency).
        let manifestData = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        let started = try XCTUnwrap(ISO8601DateFormatter.fractional.date(from: try XCTUnwrap(manifest["started_at"] as? String)))
        let firstStart = try XCTUnwrap(((manifest["tracks"] as? [String: Any])?["main"] as? [String: Any])
            .flatMap { $0["segments"] as? [[String: Any]] }?.first?["start"] as? Double)
        let span = killedAt.timeIntervalSince(started) - firstStart
        XCTAssertLessThanOrEqual(span - total, part + 0.75, "lost \(span - total) s of \(span) s (part \(part) s)")
    }

    func testDroppedRTMPConnectionReconnectsIntoANewSegmentWithAGap() throws {
        let node = try simulator()
        let out = try temporaryFolder()
        let run = try CommandRun.pexrtmp(["record", "--node", node.http, "--conference", "idle", "--out", out.path,
                                          "--segment", "30s", "--part", "500ms", "--duration", "14s",
                                          "--no-presentation"])
        addTeardownBlock { try? self.endMeeting("idle") }
        Thread.sleep(forTimeInterval: 5)
        let dropped = try node.post("/rtmp/kill") as? [String: Any]
        XCTAssertFalse((dropped?["dropped"] as? [Any] ?? []).isEmpty, "the simulator dropped no connection")
        XCTAssertEqual(run.wait(timeout: 60), 0, "record should carry on after a drop:\n\(run.stderr)")
        XCTAssertTrue(run.stderr.contains("reconnecting"), "no reconnect was logged:\n\(run.stderr)")
        let folder = try onlyRecording(in: out, alias: "idle")
        let manifestData = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        let main = try XCTUnwrap((manifest["tracks"] as? [String: Any])?["main"] as? [String: Any])
        let segments = try XCTUnwrap(main["segments"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(segments.count, 2, "recording goes on in a new segment after the drop")
        let gaps = try XCTUnwrap(main["gaps"] as? [[String: Any]])
        XCTAssertEqual(gaps.count, 1, "one gap noted in the manifest: \(main)")
        XCTAssertGreaterThan(segments[1]["gap_before"] as? Double ?? 0, 0)
        for file in try mp4Files(folder.appendingPathComponent("main")) {
            XCTAssertTrue(try FFprobe.decodesCleanly(file), "\(file) does not play")
        }
    }

    func testBadInputGivesOneClearLineAndANonZeroExit() throws {
        let node = try simulator()
        let out = try temporaryFolder()
        func record(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String) {
            let result = try CommandRun.run(RepositoryPaths.pexrtmp, ["record", "--out", out.path] + arguments,
                                            environment: environment, timeout: 60)
            return (result.status, result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let wrongPIN = try record(["--node", node.http, "--conference", "secure"], environment: ["PEXRTMP_PIN": "0000"])
        XCTAssertEqual(wrongPIN.0, 3)
        XCTAssertTrue(wrongPIN.1.lowercased().contains("pin"), wrongPIN.1)
        XCTAssertFalse(wrongPIN.1.contains("0000"), "the PIN leaked into the message")
        XCTAssertEqual(wrongPIN.1.split(separator: "\n").count, 1, wrongPIN.1)

        let noPIN = try record(["--node", node.http, "--conference", "secure"])
        XCTAssertEqual(noPIN.0, 3, noPIN.1)

        let unknown = try record(["--node", node.http, "--conference", "no-such-meeting"])
        XCTAssertEqual(unknown.0, 4, unknown.1)
        XCTAssertEqual(unknown.1.split(separator: "\n").count, 1, unknown.1)

        let unreachable = try record(["--node", "http://127.0.0.1:9", "--conference", "demo"])
        XCTAssertEqual(unreachable.0, 1, unreachable.1)
        XCTAssertEqual(unreachable.1.split(separator: "\n").count, 1, unreachable.1)

        let aFile = out.appendingPathComponent("not-a-folder")
        _ = FileManager.default.createFile(atPath: aFile.path, contents: Data("x".utf8))
        let result = try CommandRun.run(RepositoryPaths.pexrtmp,
                                        ["record", "--node", node.http, "--conference", "idle", "--out", aFile.path + "/sub"],
                                        timeout: 30)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("output folder"), result.stderr)
        let participants = try node.conferenceState("idle")["participants"] as? [Any] ?? []
        XCTAssertTrue(participants.isEmpty, "an unwritable --out must fail before joining")

        let usage = try record(["--node", node.http, "--conference", "idle", "--segment", "soon"])
        XCTAssertEqual(usage.0, 2, usage.1)
    }

    func testDiskFullStopsWithAClearErrorAndKeepsWhatWasWritten() throws {
        let node = try simulator()
        let mountPoint = try temporaryFolder()
        let mount = try CommandRun.run(URL(fileURLWithPath: "/bin/mount"),
                                       ["-t", "tmpfs", "-o", "size=600k", "tmpfs", mountPoint.path], timeout: 10)
        try XCTSkipIf(mount.status != 0, "cannot mount a small tmpfs here (needs root): \(mount.stderr)")
        addTeardownBlock { _ = try? CommandRun.run(URL(fileURLWithPath: "/bin/umount"), [mountPoint.path], timeout: 10) }
        let run = try CommandRun.pexrtmp(["record", "--node", node.http, "--conference", "idle",
                                          "--out", mountPoint.path, "--segment", "2s", "--part", "500ms",
                                          "--no-presentation", "--duration", "60s"])
        addTeardownBlock { try? self.endMeeting("idle") }
        let status = run.wait(timeout: 60)
        XCTAssertEqual(status, 1, "a full disk is a failure:\n\(run.stderr)")
        let lastLine = run.stderr.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(run.stderr.lowercased().contains("space") || run.stderr.lowercased().contains("disk full"),
                      "the error should say the disk is full:\n\(run.stderr)")
        XCTAssertTrue(lastLine.hasPrefix("pexrtmp record:"), lastLine)
        let folder = try onlyRecording(in: mountPoint, alias: "idle")
        let files = try mp4Files(folder.appendingPathComponent("main"))
        XCTAssertFalse(files.isEmpty, "what fitted on the disk is kept")
        for file in files.dropLast() {
            XCTAssertTrue(try FFprobe.decodesCleanly(file), "\(file) does not play")
        }
        if let last = files.last {
            XCTAssertGreaterThan(try FFprobe.probe(last, packets: false).duration, 0, "\(last) should play up to its last part")
        }
    }
}

extension ISO8601DateFormatter {
    nonisolated(unsafe) static let fractional: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}
