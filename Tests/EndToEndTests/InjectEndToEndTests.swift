import Foundation
import XCTest

/// `pexrtmp inject` against the simulated node, which records what it receives: the stream has
/// the file's duration, frame count and codecs with A/V in sync; a presentation injection makes
/// the node announce the injector as presenter; a bad file never joins; Ctrl-C cleans up.
final class InjectEndToEndTests: SimulatorTestCase {
    nonisolated(unsafe) static var media: URL?

    override class func setUp() {
        super.setUp()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("inject-media-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        media = folder
    }

    override class func tearDown() {
        if let media { try? FileManager.default.removeItem(at: media) }
        super.tearDown()
    }

    /// A file made with the ffmpeg CLI (once per class).
    private func makeMedia(_ name: String, _ arguments: [String]) throws -> String {
        let path = try XCTUnwrap(Self.media).appendingPathComponent(name).path
        if FileManager.default.fileExists(atPath: path) { return path }
        let result = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/ffmpeg"), ["-v", "error", "-y"] + arguments + [path])
        XCTAssertEqual(result.status, 0, result.stderr)
        return path
    }

    private let sources = ["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                           "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "4"]

    private func h264AAC() throws -> String {
        try makeMedia("clip.mp4", sources + ["-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-pix_fmt", "yuv420p",
                                             "-c:a", "aac"])
    }

    private func vp9Opus() throws -> String {
        try makeMedia("clip.webm", sources + ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "500k",
                                              "-c:a", "libopus"])
    }

    // MARK: what the node saw

    private func participants(_ alias: String = "idle") throws -> [[String: Any]] {
        try simulator().conferenceState(alias)["participants"] as? [[String: Any]] ?? []
    }

    private func received() throws -> [String: [String]] {
        let object = try simulator().get("/received") as? [String: Any] ?? [:]
        return object.mapValues { ($0 as? [[String: Any]] ?? []).compactMap { $0["path"] as? String } }
    }

    private func lastEventID(_ alias: String = "idle") throws -> Int {
        let events = try simulator().conferenceState(alias)["recent_events"] as? [[String: Any]] ?? []
        return events.compactMap { $0["id"] as? Int }.max() ?? 0
    }

    /// Video and audio packet times of a received FLV.
    private func packets(_ path: String) throws -> (codecs: Set<String>, video: [Double], audio: [Double]) {
        let result = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/ffprobe"),
                                        ["-v", "error", "-print_format", "json", "-show_streams", "-show_packets", path])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let streams = object["streams"] as? [[String: Any]] ?? []
        var kind: [Int: String] = [:]
        for s in streams { kind[s["index"] as? Int ?? -1] = s["codec_type"] as? String }
        var video: [Double] = []
        var audio: [Double] = []
        for p in object["packets"] as? [[String: Any]] ?? [] {
            guard let t = Double(p["pts_time"] as? String ?? "") else { continue }
            if kind[p["stream_index"] as? Int ?? -1] == "video" { video.append(t) } else { audio.append(t) }
        }
        return (Set(streams.compactMap { $0["codec_name"] as? String }), video.sorted(), audio.sorted())
    }

    /// Injects `file` as `name` into idle, watching has_media while it runs; returns what the
    /// node recorded for the call.
    private func injectAndFetch(_ file: String, name: String) throws -> String {
        let before = Set(try received().keys)
        let run = try CommandRun.pexrtmp(["inject", "--node", try simulator().http, "--conference", "idle",
                                          "--file", file, "--name", name])
        var sawMedia = false
        let deadline = Date().addingTimeInterval(30)
        while run.process.isRunning && Date() < deadline {
            if try participants().contains(where: { $0["display_name"] as? String == name && $0["has_media"] as? Bool == true }) {
                sawMedia = true
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTAssertEqual(run.wait(timeout: 10), 0, run.stderr)
        XCTAssertTrue(sawMedia, "the injector had media while it published")
        XCTAssertTrue(try participants().isEmpty, "call disconnected and token released at the end")
        let new = try received().filter { !before.contains($0.key) }
        XCTAssertEqual(new.count, 1, "one call published")
        return try XCTUnwrap(new.first?.value.first)
    }

    private func checkReceived(_ path: String, _ label: String) throws {
        let (codecs, video, audio) = try packets(path)
        XCTAssertEqual(codecs, ["h264", "aac"], label)
        XCTAssertEqual(video.count, 100, "\(label): 4 s at 25 fps")
        let seconds = video.last! - video.first! + 0.04
        XCTAssertEqual(seconds, 4, accuracy: 0.041, "\(label): duration ±1 frame")
        XCTAssertEqual(video.first! - audio.first!, 0.021, accuracy: 0.04, "\(label): A/V start aligned (after AAC priming)")
        XCTAssertEqual(audio.last! - video.last!, 0, accuracy: 0.1, "\(label): A/V end together")
        XCTAssertTrue(try FFprobe.decodesCleanly(path), "\(label) decodes")
    }

    func testH264AACFileIsReceivedWhole() throws {
        try checkReceived(try injectAndFetch(try h264AAC(), name: "Announcements"), "h264/aac")
    }

    func testVP9OpusFileIsReceivedAsH264AAC() throws {
        try checkReceived(try injectAndFetch(try vp9Opus(), name: "Transcoded"), "vp9/opus")
    }

    func testStillImageAsPresentationMakesTheInjectorThePresenter() throws {
        let image = try makeMedia("slide.png", ["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=1", "-frames:v", "1"])
        let firstEvent = try lastEventID()
        let run = try CommandRun.pexrtmp(["inject", "--node", try simulator().http, "--conference", "idle",
                                          "--file", image, "--as", "presentation", "--duration", "3s",
                                          "--name", "Slide Bot"])
        var presenter: String?
        let deadline = Date().addingTimeInterval(20)
        while run.process.isRunning && Date() < deadline && presenter == nil {
            let presentation = try simulator().conferenceState("idle")["presentation"] as? [String: Any]
            presenter = presentation?["presenter_name"] as? String
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTAssertEqual(run.wait(timeout: 20), 0, run.stderr)
        XCTAssertEqual(presenter, "Slide Bot", "presentation_start names the injector")
        let events = try simulator().conferenceState("idle")["recent_events"] as? [[String: Any]] ?? []
        let names = events.filter { ($0["id"] as? Int ?? 0) > firstEvent }.compactMap { $0["event"] as? String }
        XCTAssertTrue(names.contains("presentation_start"), "\(names)")
        XCTAssertTrue(names.contains("presentation_stop"), "the presentation ends with the injection: \(names)")
        XCTAssertTrue(try participants().isEmpty)
    }

    func testCorruptFileFailsClearlyBeforeJoining() throws {
        let corrupt = try XCTUnwrap(Self.media).appendingPathComponent("broken.mp4")
        try Data((0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: corrupt)
        let firstEvent = try lastEventID()
        let result = try CommandRun.run(RepositoryPaths.pexrtmp, ["inject", "--node", try simulator().http,
                                                                  "--conference", "idle", "--file", corrupt.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("not a media file"), result.stderr)
        XCTAssertEqual(try lastEventID(), firstEvent, "no participant appeared")
        let missing = try CommandRun.run(RepositoryPaths.pexrtmp, ["inject", "--node", try simulator().http,
                                                                   "--conference", "idle", "--file", "/nonexistent.mp4"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no such file"), missing.stderr)
        XCTAssertEqual(try lastEventID(), firstEvent, "no participant appeared")
    }

    func testInterruptDisconnectsTheCallAndReleasesTheToken() throws {
        let run = try CommandRun.pexrtmp(["inject", "--node", try simulator().http, "--conference", "idle",
                                          "--file", try h264AAC(), "--loop", "forever", "--name", "Looper"])
        let publishing = Date().addingTimeInterval(20)
        var calls: [[String: Any]] = []
        while Date() < publishing {
            calls = try simulator().conferenceState("idle")["calls"] as? [[String: Any]] ?? []
            if calls.contains(where: { !($0["publishing"] as? [Any] ?? []).isEmpty }) { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTAssertFalse(calls.isEmpty, "the call was publishing")
        Thread.sleep(forTimeInterval: 1)
        run.signal(SIGINT)
        XCTAssertEqual(run.wait(timeout: 10), 130, run.stderr)
        XCTAssertTrue(try participants().isEmpty, "token released")
        let left = try simulator().conferenceState("idle")["calls"] as? [[String: Any]] ?? []
        XCTAssertTrue(left.isEmpty, "call disconnected: \(left)")
    }
}
