import Foundation
import XCTest

/// HTTPS and rtmps against the simulated node with `--tls` (a CA the simulator generates):
/// verification on by default, `--ca-file` trusts the lab CA, `--insecure` skips and warns.
final class TLSEndToEndTests: SimulatorTestCase {
    override class var simulatorTLS: Bool { true }

    func testCertificateIsVerifiedUnlessACAFileOrInsecureSaysOtherwise() throws {
        let node = try simulator()
        XCTAssertTrue(node.http.hasPrefix("https://"), node.http)
        let caFile = try XCTUnwrap(node.endpoints.caFile)
        let status = ["control", "status", "--node", node.http, "--conference", "idle"]

        let unverified = try CommandRun.run(RepositoryPaths.pexrtmp, status, timeout: 30)
        XCTAssertEqual(unverified.status, 1, "an unknown CA must be refused:\n\(unverified.stderr)")
        XCTAssertTrue(unverified.stderr.lowercased().contains("certificate"), unverified.stderr)

        let trusted = try CommandRun.run(RepositoryPaths.pexrtmp, status + ["--ca-file", caFile], timeout: 30)
        XCTAssertEqual(trusted.status, 0, trusted.stderr)
        XCTAssertTrue(trusted.stdout.contains("locked"), trusted.stdout)
        XCTAssertFalse(trusted.stderr.contains("NOT verified"), trusted.stderr)

        let insecure = try CommandRun.run(RepositoryPaths.pexrtmp, status + ["--insecure"], timeout: 30)
        XCTAssertEqual(insecure.status, 0, insecure.stderr)
        XCTAssertTrue(insecure.stderr.contains("NOT verified"), "--insecure must warn:\n\(insecure.stderr)")

        let badFile = try CommandRun.run(RepositoryPaths.pexrtmp, status + ["--ca-file", "/nonexistent.pem"], timeout: 30)
        XCTAssertEqual(badFile.status, 2, badFile.stderr)
    }

    func testRecordsOverRTMPSAndSaysTheStreamIsNotVerified() throws {
        let node = try simulator()
        let caFile = try XCTUnwrap(node.endpoints.caFile)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("rtmps-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CommandRun.run(RepositoryPaths.pexrtmp,
                                        ["record", "--node", node.http, "--conference", "idle", "--ca-file", caFile,
                                         "--rtmps", "--out", out.path, "--duration", "6s", "--segment", "2s",
                                         "--no-presentation"], timeout: 60)
        defer { _ = try? node.post("/meeting/end", ["conference": "idle"]) }
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("does not verify"), "rtmps must be flagged as unverified:\n\(result.stderr)")
        let recording = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("idle").path).first)
        let main = out.appendingPathComponent("idle").appendingPathComponent(recording).appendingPathComponent("main")
        let files = try FileManager.default.contentsOfDirectory(atPath: main.path).filter { $0.hasSuffix(".mp4") }
        XCTAssertGreaterThanOrEqual(files.count, 1)
        for file in files {
            let path = main.appendingPathComponent(file).path
            XCTAssertTrue(try FFprobe.decodesCleanly(path), path)
            XCTAssertTrue(try FFprobe.probe(path).streams.contains { $0.codecName == "h264" }, path)
        }
    }
}
