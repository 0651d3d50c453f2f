import Foundation
import XCTest

/// `pexrtmp record` against the simulated node: the `quick` meeting (~19 s: two people join,
/// chat, a presentation from 5 s to 15 s, the meeting ends) recorded whole, then probed.
final class RecordEndToEndTests: SimulatorTestCase {
    /// The mix's keyframe interval (scripts/simnode/media.py: -g 50 at 25 fps).
    static let keyframeInterval = 2.0

    private func recordingFolder(in out: URL, alias: String) throws -> URL {
        let base = out.appendingPathComponent(alias)
        let folders = try FileManager.default.contentsOfDirectory(atPath: base.path).sorted()
        XCTAssertEqual(folders.count, 1, "one recording folder expected, found \(folders)")
        return base.appendingPathComponent(try XCTUnwrap(folders.last))
    }

    private func manifest(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func segments(_ manifest: [String: Any], _ track: String) -> [[String: Any]] {
        let tracks = manifest["tracks"] as? [String: Any]
        return (tracks?[track] as? [String: Any])?["segments"] as? [[String: Any]] ?? []
    }

    func testRecordsTheWholeMeetingIntoPlayableSegmentsOnOneTimeline() throws {
        let node = try simulator()
        let out = try temporaryFolder()
        let run = try CommandRun.pexrtmp(["record", "--node", node.http, "--conference", "quick",
                                          "--out", out.path, "--segment", "4s", "--part", "500ms"])
        let status = run.wait(timeout: 90)
        XCTAssertEqual(status, 0, "record failed:\n\(run.stderr)")
        let folder = try recordingFolder(in: out, alias: "quick")
        let manifest = try manifest(folder)
        XCTAssertEqual(manifest["conference"] as? String, "quick")
        XCTAssertNotNil(manifest["ended_at"])

        // Every main segment: H.264 + AAC, starts on a keyframe, decodes to its end.
        let main = segments(manifest, "main")
        XCTAssertGreaterThanOrEqual(main.count, 3, "a 19 s meeting in 4 s segments")
        var previousEnd = -1.0
        for segment in main {
            let file = folder.appendingPathComponent(try XCTUnwrap(segment["file"] as? String)).path
            let probe = try FFprobe.probe(file)
            XCTAssertEqual(Set(probe.streams.map(\.codecName)), ["h264", "aac"], file)
            XCTAssertEqual(probe.videoPackets.first?.key, true, "\(file) must start on a keyframe")
            XCTAssertTrue(try FFprobe.decodesCleanly(file), "\(file) does not decode cleanly")
            let duration = try XCTUnwrap(segment["duration"] as? Double)
            XCTAssertEqual(probe.duration, duration, accuracy: 0.25, "manifest duration of \(file)")
            let start = try XCTUnwrap(segment["start"] as? Double)
            XCTAssertGreaterThanOrEqual(start, previousEnd - 0.1, "segments overlap on the timeline")
            previousEnd = start + duration
        }

        // The segments add up to the meeting, within one keyframe interval (plus join latency).
        let total = main.reduce(0.0) { $0 + ($1["duration"] as? Double ?? 0) }
        let meeting = 19.0  // samples/scenarios/quick.json: "end" at 19 s
        XCTAssertEqual(total, meeting, accuracy: Self.keyframeInterval + 1.0, "main track length")

        // The presentation (5 s to 15 s in the scenario) was recorded into its own segments,
        // inside its span and covering most of it.
        let presentations = manifest["presentations"] as? [[String: Any]] ?? []
        XCTAssertEqual(presentations.count, 1)
        XCTAssertEqual(presentations.first?["presenter_name"] as? String, "Carol")
        let presentationSegments = segments(manifest, "presentation")
        XCTAssertFalse(presentationSegments.isEmpty, "no presentation segments")
        let presentationStart = try XCTUnwrap(presentations.first?["start"] as? Double)
        let presentationStop = try XCTUnwrap(presentations.first?["stop"] as? Double)
        var covered = 0.0
        for segment in presentationSegments {
            let file = folder.appendingPathComponent(try XCTUnwrap(segment["file"] as? String)).path
            let probe = try FFprobe.probe(file)
            XCTAssertEqual(probe.streams.first?.codecName, "h264", file)
            XCTAssertEqual(probe.videoPackets.first?.key, true, "\(file) must start on a keyframe")
            let start = try XCTUnwrap(segment["start"] as? Double)
            let duration = try XCTUnwrap(segment["duration"] as? Double)
            XCTAssertGreaterThanOrEqual(start, presentationStart - 0.5, "\(file) starts before the presentation")
            XCTAssertLessThanOrEqual(start + duration, presentationStop + 1.0, "\(file) runs past the presentation")
            covered += duration
        }
        XCTAssertGreaterThanOrEqual(covered, (presentationStop - presentationStart) - 2 * Self.keyframeInterval - 1,
                                    "presentation segments cover \(covered) s of a \(presentationStop - presentationStart) s presentation")

        // events.jsonl: joins, chat, presentation start/stop, leave, in order on the same timeline.
        let lines = try String(contentsOf: folder.appendingPathComponent("events.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let events = lines.compactMap { $0["event"] as? String }
        for expected in ["participant_join", "chat", "presentation_start", "presentation_stop", "participant_leave"] {
            XCTAssertTrue(events.contains(expected), "events.jsonl lacks \(expected): \(events)")
        }
        let times = lines.compactMap { $0["t"] as? Double }
        XCTAssertEqual(times, times.sorted(), "events.jsonl times are not in order")
        if let start = lines.first(where: { $0["event"] as? String == "presentation_start" })?["t"] as? Double {
            XCTAssertEqual(start, presentationStart, accuracy: 0.2)
        }
        // concat: one faststart MP4 of the main track, as long as its segments, a chapter at the
        // start and one at the presentation.
        let joined = folder.appendingPathComponent("meeting.mp4").path
        let concat = try CommandRun.run(RepositoryPaths.pexrtmp, ["concat", folder.path, "-o", joined], timeout: 60)
        XCTAssertEqual(concat.status, 0, concat.stderr)
        let joinedProbe = try FFprobe.probe(joined)
        XCTAssertEqual(Set(joinedProbe.streams.filter { $0.codecType != "data" }.map(\.codecName)), ["h264", "aac"])
        XCTAssertEqual(joinedProbe.duration, total, accuracy: 0.5, "concat duration vs the segments'")
        XCTAssertTrue(try FFprobe.decodesCleanly(joined))
        let chapters = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/ffprobe"),
                                          ["-v", "error", "-show_chapters", "-of", "csv=p=0", joined], timeout: 30)
        let chapterLines = chapters.stdout.split(separator: "\n")
        XCTAssertEqual(chapterLines.count, 2, chapters.stdout)
        XCTAssertTrue(chapterLines.last?.contains("Presentation 1 by Carol") ?? false, chapters.stdout)
        let boxes = try Self.topLevelBoxes(joined)
        XCTAssertLessThan(try XCTUnwrap(boxes.firstIndex(of: "moov")), try XCTUnwrap(boxes.firstIndex(of: "mdat")),
                          "faststart puts the index first: \(boxes)")

        // The recorder left: its participant is gone from the node.
        let participants = try node.conferenceState("quick")["participants"] as? [Any] ?? []
        XCTAssertTrue(participants.isEmpty, "participants left behind: \(participants)")
    }

    /// The types of an MP4 file's top-level boxes, in order.
    static func topLevelBoxes(_ path: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var types: [String] = []
        var offset = 0
        while offset + 8 <= data.count {
            var size = data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: data[offset + 4..<offset + 8], as: UTF8.self)
            if size == 1, offset + 16 <= data.count {
                size = data[offset + 8..<offset + 16].reduce(0) { $0 << 8 | Int($1) }
            }
            types.append(type)
            guard size >= 8 else { break }
            offset += size
        }
        return types
    }
}
