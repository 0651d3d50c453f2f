import Foundation
import XCTest
@testable import Companion
import RTMPMedia

final class RecordingFilesTests: XCTestCase {
    func testSanitizeRemovesSeparatorsControlCharactersAndLeadingDots() {
        XCTAssertEqual(PathComponent.sanitize("../../etc/passwd"), "_.._etc_passwd")
        XCTAssertEqual(PathComponent.sanitize("Bob/Alice\\Eve"), "Bob_Alice_Eve")
        XCTAssertEqual(PathComponent.sanitize("a\u{0}b\nc"), "a_b_c")
        XCTAssertEqual(PathComponent.sanitize("..."), "_")
        XCTAssertEqual(PathComponent.sanitize("  "), "_")
        XCTAssertEqual(PathComponent.sanitize("Ålesund møte"), "Ålesund møte")
        let long = String(repeating: "é", count: 200)
        XCTAssertLessThanOrEqual(PathComponent.sanitize(long).utf8.count, PathComponent.maximumLength)
    }

    func testFolderTemplateExpandsAliasAndTimeInUTC() {
        let start = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14T22:13:20Z
        let folder = RecordingFolder(output: "/rec", alias: "meet/../x", name: "Rec", start: start)
        XCTAssertEqual(folder.root.path, "/rec/meet_.._x/2023-11-14T22-13-20Z")
        let custom = RecordingFolder(output: "/rec", template: "{name}-%Y", alias: "a", name: "R/1", start: start)
        XCTAssertEqual(custom.root.path, "/rec/R_1-2023")
    }

    func testManifestStoreRewritesAtomicallyAndRecordsGaps() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("manifest.json")
        let store = ManifestStore(manifest: Manifest(tool: "test", conference: "demo", startedAt: "2026-01-01T00:00:00Z"),
                                  file: file)
        try await store.record(segment: .init(file: "main/000001.mp4", start: 0, duration: 1, gapBefore: 0, complete: false), track: "main")
        try await store.record(segment: .init(file: "main/000001.mp4", start: 0, duration: 10, gapBefore: 0, complete: true), track: "main")
        try await store.record(segment: .init(file: "main/000002.mp4", start: 13, duration: 5, gapBefore: 3, complete: true), track: "main")
        try await store.finish(endedAt: "2026-01-01T00:00:18Z", reason: "meeting ended")
        let decoded = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: file))
        XCTAssertEqual(decoded.tracks["main"]?.segments.map(\.duration), [10, 5])
        XCTAssertEqual(decoded.tracks["main"]?.gaps, [Manifest.Gap(start: 10, duration: 3, reason: "connection dropped")])
        XCTAssertEqual(decoded.endReason, "meeting ended")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testEventLogWritesOneJSONObjectPerLine() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString + ".jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let log = try EventLog(file: file)
        try await log.append(event: "participant_join", time: 1.23456, fields: ["name": "Alice"])
        try await log.append(event: "chat", time: 2, fields: ["from": "Bob", "text": "line\nbreak"])
        await log.close()
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        XCTAssertEqual(first?["event"] as? String, "participant_join")
        XCTAssertEqual(first?["t"] as? Double, 1.235)
        let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        XCTAssertEqual(second?["text"] as? String, "line\nbreak")
    }
}
