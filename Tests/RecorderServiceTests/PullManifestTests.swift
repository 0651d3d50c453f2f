import Companion
import Foundation
@testable import RecorderService
import XCTest

/// The hand-written manifest must be exactly what Companion's `Manifest` decodes (concat reads it).
final class PullManifestTests: XCTestCase {
    func testManifestDecodesAsCompanionManifest() throws {
        var manifest = PullManifest(sources: ["rtmp://h/live/a \"quoted\"\\ \u{1}\n"], startedAt: "2026-12-04T16:55:30.123Z",
                                    track: "a")
        manifest.record(.init(file: "000001.mp4", start: 0.25, duration: 60.032, gapBefore: 0, complete: true))
        manifest.record(.init(file: "000002.mp4", start: 65, duration: 1.5, gapBefore: 4.968, complete: false))
        manifest.record(.init(file: "000002.mp4", start: 65, duration: 2, gapBefore: 4.968, complete: true))
        manifest.endedAt = "2026-12-04T16:57:00.000Z"
        manifest.endReason = "stopped"
        let decoded = try JSONDecoder().decode(Manifest.self, from: Data(manifest.json.utf8))
        var expected = Manifest(tool: "pexrtmp pull", sources: manifest.sources, startedAt: manifest.startedAt)
        expected.endedAt = manifest.endedAt
        expected.endReason = "stopped"
        XCTAssertEqual(decoded.tracks.keys.sorted(), ["a"])
        expected.tracks = decoded.tracks
        XCTAssertEqual(decoded, expected)
        let track = try XCTUnwrap(decoded.tracks["a"])
        XCTAssertEqual(track.segments, [
            .init(file: "000001.mp4", start: 0.25, duration: 60.032, gapBefore: 0, complete: true),
            .init(file: "000002.mp4", start: 65, duration: 2, gapBefore: 4.968, complete: true),
        ])
        XCTAssertEqual(track.gaps.count, 1)
        XCTAssertEqual(track.gaps.first?.start ?? 0, 65 - 4.968, accuracy: 1e-9)
        XCTAssertEqual(track.gaps.first?.duration, 4.968)
        XCTAssertEqual(track.gaps.first?.reason, "connection dropped")
    }

    func testJSONStringsAreEscaped() throws {
        let nasty = "a\"b\\c\u{0}\u{1F}\u{7F}\u{2028}é😀\t"
        let decoded = try JSONSerialization.jsonObject(with: Data(JSONText.quoted(nasty).utf8), options: .fragmentsAllowed)
        XCTAssertEqual(decoded as? String, nasty)
    }

    func testFolderNamesAreSafeAndUnique() {
        let sources = PullSource.sources(for: ["rtmp://h/live/cam live=1", "rtmp://h/other/cam", "/tmp/my talk.flv",
                                               "rtmp://h/live/..", "rtmp://h/live/a:b"])
        XCTAssertEqual(sources.map(\.name), ["cam", "cam-2", "my talk", "_", "a_b"])
        XCTAssertEqual(sources.map(\.isFile), [false, false, true, false, false])
    }

    func testArguments() throws {
        let parsed = try PullArguments(["rtmp://h/l/a", "--out=x", "--segment", "5m", "--part", "500ms",
                                        "--duration", "1h30m", "--log-format", "json", "f.flv"])
        XCTAssertEqual(parsed.inputs, ["rtmp://h/l/a", "f.flv"])
        XCTAssertEqual(parsed.output, "x")
        XCTAssertEqual(parsed.segmentSeconds, 300)
        XCTAssertEqual(parsed.partSeconds, 0.5)
        XCTAssertEqual(parsed.duration, 5400)
        XCTAssertTrue(parsed.jsonLog)
        XCTAssertThrowsError(try PullArguments([]))
        XCTAssertThrowsError(try PullArguments(["a", "--segment", "soon"]))
        XCTAssertThrowsError(try PullArguments(["a", "--bogus"]))
        XCTAssertTrue(try PullArguments(["--help"]).wantsHelp)
    }
}
