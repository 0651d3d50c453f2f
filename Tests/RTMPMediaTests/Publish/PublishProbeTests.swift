import Foundation
import XCTest
@testable import RTMPMedia

/// Opening and probing: bad files fail with clear errors before any connection, and each kind
/// of file gets the right plan.
final class PublishProbeTests: XCTestCase {
    static let media = PublishMedia.shared

    private func openError(_ path: String, options: PublishOptions = PublishOptions()) -> PublishError? {
        do {
            _ = try FilePublisher(path: path, options: options)
            return nil
        } catch {
            return error
        }
    }

    func testBadFilesAreRefusedWithClearMessages() throws {
        let dir = Self.media.directory
        XCTAssertEqual(openError(dir + "/missing.mp4"), .fileNotFound(path: dir + "/missing.mp4"))
        guard case .unreadable = openError(dir) else { return XCTFail("a directory is not a media file") }
        guard case .notMedia(_, let reason) = openError(try Self.media.empty()) else { return XCTFail("empty") }
        XCTAssertTrue(reason.contains("empty"))
        let corrupt = try Self.media.corrupt()
        let error = openError(corrupt)
        guard case .notMedia = error else { return XCTFail("random bytes: \(String(describing: error))") }
        XCTAssertTrue(error!.description.contains("not a media file"), error!.description)
        XCTAssertEqual(openError(try Self.media.subtitlesOnly()), .noStreams(path: try Self.media.subtitlesOnly()))
        let h264 = try Self.media.h264AAC()
        XCTAssertEqual(openError(h264, options: PublishOptions(startAt: 60)), .startBeyondEnd(startAt: 60, duration: 6))
        guard case .invalidOption = openError(h264, options: PublishOptions(maxBitrateKbps: 10)) else {
            return XCTFail("a 10 kbit/s cap is refused")
        }
    }

    func testPlansForEachKindOfFile() throws {
        let h264 = try FilePublisher(path: try Self.media.h264AAC()).probe
        XCTAssertEqual(h264.video?.action, .passThrough)
        XCTAssertEqual(h264.audio?.action, .passThrough)
        XCTAssertEqual(h264.duration ?? 0, 6, accuracy: 0.1)

        let vp9 = try FilePublisher(path: try Self.media.vp9Opus()).probe
        XCTAssertEqual(vp9.video?.codec, "vp9")
        XCTAssertNotEqual(vp9.video?.action, .passThrough)
        XCTAssertNotEqual(vp9.audio?.action, .passThrough)
        XCTAssertEqual(vp9.audio?.outputSampleRate, 48_000)
        XCTAssertEqual(vp9.audio?.outputChannels, 2)

        let still = try FilePublisher(path: try Self.media.stillImage()).probe
        XCTAssertTrue(still.isStillImage)
        XCTAssertNil(still.audio)
        XCTAssertNil(still.duration)

        let mp3 = try FilePublisher(path: try Self.media.mp3At22k()).probe
        XCTAssertNil(mp3.video)
        XCTAssertEqual(mp3.audio?.outputSampleRate, 44_100)

        let capped = try FilePublisher(path: try Self.media.h264AAC(), options: PublishOptions(maxBitrateKbps: 200)).probe
        XCTAssertNotEqual(capped.video?.action, .passThrough, "~700 kbit/s video is above a 200 kbit/s cap")
        XCTAssertFalse(capped.warnings.isEmpty)
    }

    func testAPublisherPublishesOnce() throws {
        let publisher = try FilePublisher(path: try Self.media.h264AAC())
        publisher.stop()
        let sink = CountingSink()
        XCTAssertTrue(try publisher.publishOnCurrentThread(to: sink).stopped, "stopped before it started")
        XCTAssertThrowsError(try publisher.publishOnCurrentThread(to: sink))
    }
}

/// A sink that counts what it is given.
final class CountingSink: FLVTagSink {
    var tags = 0
    var bytes = 0
    func writeTag(_ tag: UnsafeRawBufferPointer) -> Bool {
        tags += 1
        bytes += tag.count
        return true
    }
}
