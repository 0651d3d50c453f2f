import Foundation
import XCTest

/// `pexrtmp pull` (the lean launcher, no Foundation): two live streams from the simulated node
/// and a local file recorded side by side in one process; manifests `pexrtmp concat` can join;
/// SIGINT finalises everything; bad input fails with one line. Also that the launcher hands every
/// other command to `pexrtmp-meeting` unchanged (statuses, output, SIGINT on `record`).
final class PullEndToEndTests: SimulatorTestCase {

    /// An RTMP call on `idle` for a participant joined over HTTP; returns the mix's play URL.
    private func liveStream(_ name: String) throws -> String {
        let node = try simulator()
        let participant = try APIParticipant(node: node.http, conference: "idle", name: name)
        addTeardownBlock { participant.release() }
        let answer = try HTTPJSON.request("POST", participant.base + "/participants/\(participant.uuid)/calls",
                                          body: ["call_type": "RTMP", "streaming": "true"],
                                          headers: ["token": participant.token])
        let call = try XCTUnwrap(((answer as? [String: Any])?["result"] as? [String: Any])?["call_uuid"] as? String)
        return node.endpoints.rtmp + "/" + call + "-stream"
    }

    /// A 6 s 320x240 H.264 + AAC FLV.
    private func sampleFLV(in folder: URL) throws -> URL {
        let file = folder.appendingPathComponent("talk one.flv")
        let made = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/ffmpeg"), [
            "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi",
            "-i", "sine=frequency=440:sample_rate=44100", "-t", "6", "-c:v", "libx264", "-preset", "ultrafast",
            "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "flv", file.path,
        ])
        XCTAssertEqual(made.status, 0, made.stderr)
        return file
    }

    private func manifest(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func segments(_ manifest: [String: Any]) -> [[String: Any]] {
        let tracks = manifest["tracks"] as? [String: [String: Any]] ?? [:]
        return tracks.values.flatMap { $0["segments"] as? [[String: Any]] ?? [] }
    }

    /// Every segment listed: on disk, H.264 + AAC, starting on a keyframe, decoding cleanly.
    private func checkSegments(in folder: URL, file: StaticString = #filePath, line: UInt = #line) throws -> Double {
        let manifest = try manifest(folder)
        XCTAssertEqual(manifest["tool"] as? String, "pexrtmp pull", file: file, line: line)
        XCTAssertNotNil(manifest["ended_at"] as? String, file: file, line: line)
        let listed = segments(manifest)
        XCTAssertFalse(listed.isEmpty, "no segments in \(folder.path)", file: file, line: line)
        var total = 0.0
        for segment in listed {
            XCTAssertEqual(segment["complete"] as? Bool, true, file: file, line: line)
            let path = folder.appendingPathComponent(try XCTUnwrap(segment["file"] as? String)).path
            let report = try FFprobe.probe(path)
            XCTAssertEqual(Set(report.streams.map(\.codecName)), ["h264", "aac"], path, file: file, line: line)
            XCTAssertEqual(report.videoPackets.first?.key, true, "\(path) starts on a keyframe", file: file, line: line)
            XCTAssertTrue(try FFprobe.decodesCleanly(path), path, file: file, line: line)
            total += segment["duration"] as? Double ?? 0
        }
        return total
    }

    func testTwoLiveStreamsAndAFileInOneProcess() throws {
        let out = try temporaryFolder()
        let first = try liveStream("Camera A")
        let second = try liveStream("Camera B")
        let flv = try sampleFLV(in: out)
        let run = try CommandRun.pexrtmp(["pull", first, second, flv.path, "--out", out.appendingPathComponent("rec").path,
                                          "--duration", "9s", "--segment", "3s"])
        XCTAssertEqual(run.wait(timeout: 60), 0, run.stderr)

        let rec = out.appendingPathComponent("rec")
        let names = [URL(string: first)!.lastPathComponent, URL(string: second)!.lastPathComponent, "talk one"]
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: rec.path)), Set(names))
        for name in names.prefix(2) {
            let seconds = try checkSegments(in: rec.appendingPathComponent(name))
            XCTAssertGreaterThan(seconds, 4, name)
            XCTAssertLessThan(seconds, 10, name)
            XCTAssertGreaterThan(segments(try manifest(rec.appendingPathComponent(name))).count, 1, "cut every ~3 s")
        }
        XCTAssertEqual(try checkSegments(in: rec.appendingPathComponent("talk one")), 6, accuracy: 0.2)
        XCTAssertTrue(run.stderr.contains("done source=\(first) segments="), run.stderr)

        // The full CLI's concat joins a pull folder.
        let joined = out.appendingPathComponent("joined.mp4")
        let concat = try CommandRun.run(RepositoryPaths.pexrtmp, ["concat", rec.appendingPathComponent(names[0]).path,
                                                                  "-o", joined.path])
        XCTAssertEqual(concat.status, 0, concat.stderr)
        let report = try FFprobe.probe(joined.path, packets: false)
        // (plus a chapters data track)
        XCTAssertEqual(Set(report.streams.filter { $0.codecType != "data" }.map(\.codecName)), ["h264", "aac"])
        XCTAssertGreaterThan(report.duration, 4)
    }

    func testSIGINTFinalisesEverySegmentAndExits130() throws {
        let out = try temporaryFolder()
        let url = try liveStream("Camera C")
        let run = try CommandRun.pexrtmp(["pull", url, "--out", out.path, "--part", "500ms"])
        let folder = out.appendingPathComponent(URL(string: url)!.lastPathComponent)
        let deadline = Date().addingTimeInterval(30)
        while (try? FileManager.default.contentsOfDirectory(atPath: folder.path).contains("000001.mp4")) != true {
            XCTAssertLessThan(Date(), deadline, "no segment appeared: \(run.stderr)")
            if Date() >= deadline { run.signal(SIGKILL); return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        Thread.sleep(forTimeInterval: 1.5)
        run.signal(SIGINT)
        XCTAssertEqual(run.wait(timeout: 20), 130, run.stderr)
        XCTAssertGreaterThan(try checkSegments(in: folder), 1)
        XCTAssertEqual(try manifest(folder)["end_reason"] as? String, "stopped")
    }

    func testBadInputFailsWithOneLine() throws {
        let out = try temporaryFolder()
        let cases: [([String], Int32, String)] = [
            (["pull", out.appendingPathComponent("missing.flv").path], 1, "no readable file there"),
            (["pull", "http://example.com/live/a"], 2, "only rtmp:// and rtmps:// URLs"),
            (["pull", "rtmp://127.0.0.1:1/live/nothing", "--out", out.path], 1, "cannot connect"),
            (["pull"], 2, "give at least one RTMP URL or file"),
            (["pull", "a.flv", "--segment", "soon"], 2, "--segment takes a duration"),
        ]
        for (arguments, status, message) in cases {
            let result = try CommandRun.run(RepositoryPaths.pexrtmp, arguments, timeout: 30)
            XCTAssertEqual(result.status, status, "\(arguments): \(result.stderr)")
            let last = result.stderr.split(separator: "\n").filter { $0.hasPrefix("pexrtmp pull: ") }
            XCTAssertEqual(last.count, 1, "\(arguments): \(result.stderr)")
            XCTAssertTrue(last.first?.contains(message) == true, "\(arguments): \(result.stderr)")
        }
        // An unwritable output folder.
        let locked = out.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        chmod(locked.path, 0o500)
        defer { chmod(locked.path, 0o700) }
        if getuid() != 0 {
            let result = try CommandRun.run(RepositoryPaths.pexrtmp, ["pull", "rtmp://127.0.0.1:1/a/b", "--out", locked.path])
            XCTAssertEqual(result.status, 1, result.stderr)
        }
    }

    func testLauncherHandsOtherCommandsToTheFullCLI() throws {
        let help = try CommandRun.run(RepositoryPaths.pexrtmp, ["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("  pull "), help.stdout)
        XCTAssertTrue(help.stdout.contains("  record "), help.stdout)
        let pullHelp = try CommandRun.run(RepositoryPaths.pexrtmp, ["pull", "--help"])
        XCTAssertEqual(pullHelp.status, 0)
        XCTAssertTrue(pullHelp.stdout.hasPrefix("Usage: pexrtmp pull "), pullHelp.stdout)
        XCTAssertEqual(try CommandRun.run(RepositoryPaths.pexrtmp, ["help", "pull"]).stdout, pullHelp.stdout)
        let unknown = try CommandRun.run(RepositoryPaths.pexrtmp, ["frobnicate"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stderr, "pexrtmp: unknown command \"frobnicate\". Run `pexrtmp --help` for the list.\n")

        // SIGINT reaches the exec'd full CLI: a recording stops cleanly, files finalised.
        let node = try simulator()
        let out = try temporaryFolder()
        let record = try CommandRun.pexrtmp(["record", "--node", node.http, "--conference", "idle", "--out", out.path,
                                             "--part", "500ms"])
        let deadline = Date().addingTimeInterval(40)
        var manifestFile: URL?
        while manifestFile == nil && Date() < deadline {
            let found = FileManager.default.enumerator(atPath: out.path)?.compactMap { $0 as? String }
                .first { $0.hasSuffix(".mp4") }
            if let found { manifestFile = out.appendingPathComponent(found) }
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTAssertNotNil(manifestFile, "record wrote no segment: \(record.stderr)")
        Thread.sleep(forTimeInterval: 1)
        record.signal(SIGINT)
        XCTAssertEqual(record.wait(timeout: 30), 0, record.stderr)
        let manifests = FileManager.default.enumerator(atPath: out.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix("manifest.json") } ?? []
        XCTAssertEqual(manifests.count, 1)
        let data = try Data(contentsOf: out.appendingPathComponent(try XCTUnwrap(manifests.first)))
        let manifest = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertNotNil(manifest["ended_at"] as? String, record.stderr)
        XCTAssertTrue(segments(manifest).allSatisfy { $0["complete"] as? Bool == true }, "\(manifest)")
    }
}
