import Foundation
import XCTest
@testable import RTMPMedia

/// Publishes generated files to a real nginx-rtmp that records them, then judges the recording
/// with ffprobe: codecs, frame count, duration, A/V alignment, and real-time pacing.
final class FilePublisherRTMPTests: XCTestCase {
    static let media = PublishMedia.shared
    private var server: RecordingRTMPServer!

    override func setUpWithError() throws { server = try RecordingRTMPServer() }
    override func tearDown() { server?.stop() }

    /// What the source file holds, per ffprobe.
    private struct Expect {
        var frames: Int
        var videoSeconds: Double
    }

    private func expect(_ path: String) throws -> Expect {
        let probe = try Probe(path)
        let pts = probe.video.map(\.pts).sorted()
        let interval = (pts.last! - pts.first!) / Double(pts.count - 1)
        return Expect(frames: pts.count, videoSeconds: pts.last! - pts.first! + interval)
    }

    /// Publishes `file` to a fresh stream, checking pacing while it runs; returns the recording.
    private func publish(_ file: String, stream: String, options: PublishOptions = PublishOptions(),
                         checkAt: Double = 1.5)
        throws -> (summary: PublishSummary, probe: Probe, path: String) {
        let publisher = try FilePublisher(path: file, options: options)
        let start = MonotonicClock.now()
        let url = server.url(stream)
        let task = Task { try await publisher.publish(to: url) }
        // Partway in, a real-time publisher has sent about that much, not the whole file.
        Thread.sleep(forTimeInterval: checkAt)
        let early = publisher.progress
        XCTAssertEqual(early.state, .publishing)
        XCTAssertEqual(early.sentSeconds, checkAt, accuracy: 0.5, "no burst at the start, no stall")
        let summary = try waitFor(task)
        let wall = MonotonicClock.now() - start
        XCTAssertFalse(summary.stopped)
        guard let path = server.recording(stream) else { throw XCTSkip("nginx recorded nothing for \(stream)") }
        let probe = try Probe(path)
        XCTAssertEqual(wall, summary.sentSeconds, accuracy: 0.6, "the publish took as long as the media it sent")
        return (summary, probe, path)
    }

    private func waitFor<T: Sendable>(_ task: Task<T, any Error>) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await task.value) } catch { box.result = .failure(error) }
            done.signal()
        }
        guard done.wait(timeout: .now() + 60) == .success, let result = box.result else {
            task.cancel()
            throw XCTSkip("publish did not finish in 60 s")
        }
        return try result.get()
    }

    private func checkStream(_ probe: Probe, matches expected: Expect, _ label: String) {
        XCTAssertEqual(probe.streams.map(\.codec).sorted(), ["aac", "h264"], label)
        let video = probe.video.map(\.pts).sorted()
        let audio = probe.audio.map(\.pts).sorted()
        XCTAssertEqual(video.count, expected.frames, "\(label): every frame arrived once")
        let interval = expected.videoSeconds / Double(expected.frames)
        let seconds = video.last! - video.first! + interval
        XCTAssertEqual(seconds, expected.videoSeconds, accuracy: interval + 0.001, "\(label): duration ±1 frame")
        // AAC's first packet carries 1024 priming samples (21 ms) before the first real sample.
        XCTAssertEqual(video.first! - audio.first!, 0.021, accuracy: interval, "\(label): A/V start aligned")
        XCTAssertEqual(audio.last! - video.last!, 0, accuracy: 0.1, "\(label): A/V end together")
        let dts = probe.video.map(\.dts)
        XCTAssertEqual(dts, dts.sorted(), "\(label): video DTS in order")
    }

    func testH264AACPassesThroughInRealTime() throws {
        let file = try Self.media.h264AAC()
        let (summary, probe, path) = try publish(file, stream: "passthrough")
        checkStream(probe, matches: try expect(file), "h264/aac")
        XCTAssertEqual(summary.loopsCompleted, 1)
        XCTAssertTrue(try Probe.decodesCleanly(path))
    }

    func testVP9OpusIsTranscodedToH264AAC() throws {
        let file = try Self.media.vp9Opus()
        let (_, probe, path) = try publish(file, stream: "transcoded")
        checkStream(probe, matches: try expect(file), "vp9/opus")
        XCTAssertEqual(probe.streams.first { $0.type == "video" }?.width, 640)
        XCTAssertTrue(try Probe.decodesCleanly(path))
    }

    func testLoopsKeepTimestampsIncreasing() throws {
        let file = try Self.media.shortH264AAC()
        let one = try expect(file)
        let (summary, probe, _) = try publish(file, stream: "looped", options: PublishOptions(loop: .times(2)))
        XCTAssertEqual(summary.loopsCompleted, 2)
        XCTAssertEqual(probe.video.count, one.frames * 2)
        for track in [probe.video, probe.audio] {
            let dts = track.map(\.dts)
            XCTAssertEqual(dts, dts.sorted(), "timestamps only grow across the loop")
            XCTAssertEqual(Set(dts).count, dts.count, "no repeated timestamps")
        }
        let video = probe.video.map(\.pts).sorted()
        XCTAssertEqual(video.last! - video.first!, 2 * one.videoSeconds, accuracy: 0.2)
    }

    func testStartAtBeginsAtTheKeyframeBeforeIt() throws {
        // short.mp4: keyframes every second; 1.5 s in starts at the keyframe at 1 s.
        let (_, probe, _) = try publish(try Self.media.shortH264AAC(), stream: "startat",
                                        options: PublishOptions(startAt: 1.5), checkAt: 0.5)
        XCTAssertEqual(probe.video.count, 25)
        XCTAssertEqual(probe.video.first?.key, true)
    }

    func testAudioOnlyAndVideoOnlyFiles() throws {
        let (_, audio, _) = try publish(try Self.media.mp3At22k(), stream: "audioonly")
        XCTAssertEqual(audio.streams.map(\.codec), ["aac"])
        let seconds = audio.audio.last!.pts - audio.audio.first!.pts
        XCTAssertEqual(seconds, 2, accuracy: 0.1, "22.05 kHz MP3 resampled without losing time")

        let (_, video, path) = try publish(try Self.media.tenBit444(), stream: "videoonly")
        XCTAssertEqual(video.streams.map(\.codec), ["h264"])
        XCTAssertEqual(video.video.count, 50)
        let format = try runTool("/usr/bin/ffprobe", ["-v", "error", "-select_streams", "v", "-show_entries",
                                                      "stream=pix_fmt", "-of", "csv=p=0", path])
        XCTAssertEqual(format.trimmingCharacters(in: .whitespacesAndNewlines), "yuv420p")
    }

    func testStopEndsAForeverLoopBetweenPackets() throws {
        let publisher = try FilePublisher(path: try Self.media.shortH264AAC(), options: PublishOptions(loop: .forever))
        let url = server.url("stopped")
        let task = Task { try await publisher.publish(to: url) }
        XCTAssertTrue(waitUntil(timeout: 5) { publisher.progress.sentSeconds > 1 })
        let asked = MonotonicClock.now()
        task.cancel()
        let summary = try waitFor(task)
        XCTAssertLessThan(MonotonicClock.now() - asked, 0.5, "stops promptly")
        XCTAssertTrue(summary.stopped)
        XCTAssertEqual(publisher.progress.state, .stopped)
    }

    func testRefusedPublishIsAnRTMPError() throws {
        let publisher = try FilePublisher(path: try Self.media.shortH264AAC())
        let port = freePort()  // nobody listens there
        XCTAssertThrowsError(try publisher.publishOnCurrentThread(to: "rtmp://127.0.0.1:\(port)/pexip/x")) { error in
            guard case MediaError.rtmp = error else { return XCTFail("\(error)") }
        }
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
