import Foundation
import XCTest
@testable import RTMPMedia

/// FLV announces a stream only with its first packet: video that starts after the discovery
/// window joins from the next segment on, and the audio before it is kept. (As from nginx when a
/// player joins before the publisher's first video frame: the AVC sequence header comes late.)
final class LateTrackTests: XCTestCase {
    func testVideoAppearingLateStartsANewSegmentWithoutLosingAudio() throws {
        let dir = makeTemporaryDirectory("late")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try runTool("/usr/bin/ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=sample_rate=48000",
                                        "-itsoffset", "3", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                                        "-t", "6", "-map", "0:a", "-map", "1:v", "-c:v", "libx264", "-preset", "ultrafast",
                                        "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "flv", dir + "/muxed.flv"])
        // ffmpeg writes the AVC sequence header at the start; move it to just before the first
        // video frame, with that frame's timestamp, and drop the onMetaData declaration.
        try Self.delayVideoSequenceHeader(dir + "/muxed.flv", to: dir + "/late.flv")
        var options = RecorderOptions()
        options.segmentDuration = 60
        options.discoveryWindow = 1
        let log = EventLog()
        let recorder = StreamRecorder(source: .file(dir + "/late.flv"), outputDirectory: dir + "/main", options: options) { log.append($0) }
        try recorder.start()
        XCTAssertEqual(recorder.wait(), .ended)

        let segments = log.finishedSegments
        XCTAssertEqual(segments.map(\.tracks), [[.audio], [.audio, .video]])
        XCTAssertEqual(segments.first?.duration ?? 0, 3, accuracy: 0.1, "audio up to the video's first keyframe")
        XCTAssertEqual(segments.map(\.duration).reduce(0, +), 6, accuracy: 0.1, "no audio lost")
        let second = try Probe(segments[1].path)
        XCTAssertEqual(second.video.first?.key, true)
        XCTAssertEqual(second.streams.first { $0.type == "video" }?.width, 320)
        for s in segments { XCTAssertTrue(try Probe.decodesCleanly(s.path), s.fileName) }
        XCTAssertTrue(log.all.contains { if case .warning(let w) = $0 { w.contains("appeared late") } else { false } })
    }

    /// FLV tags: 11-byte header (type, 24-bit size, 24+8-bit timestamp, stream id), body, 4-byte
    /// previous-tag size.
    private static func delayVideoSequenceHeader(_ input: String, to output: String) throws {
        let d = [UInt8](try Data(contentsOf: URL(fileURLWithPath: input)))
        var tags: [[UInt8]] = []
        var i = 13
        while i + 11 <= d.count {
            let size = Int(d[i + 1]) << 16 | Int(d[i + 2]) << 8 | Int(d[i + 3])
            guard i + 11 + size + 4 <= d.count else { break }
            tags.append(Array(d[i..<(i + 11 + size + 4)]))
            i += 11 + size + 4
        }
        let isVideo = { (t: [UInt8]) in t[0] & 0x1f == 9 }
        let isSequenceHeader = { (t: [UInt8]) in t[12] == 0 }
        guard var header = tags.first(where: { isVideo($0) && isSequenceHeader($0) }) else { throw XCTSkip("no AVC header") }
        tags.removeAll { isVideo($0) && isSequenceHeader($0) }
        tags.removeAll { $0[0] & 0x1f == 18 }
        guard let first = tags.firstIndex(where: isVideo) else { throw XCTSkip("no video") }
        header.replaceSubrange(4..<8, with: tags[first][4..<8])
        tags.insert(header, at: first)
        var out = Array(d[0..<13])
        out[4] = 0x04 // the file header says "audio only", as librtmp would write it from the first packets
        for t in tags { out += t }
        try Data(out).write(to: URL(fileURLWithPath: output))
    }
}
