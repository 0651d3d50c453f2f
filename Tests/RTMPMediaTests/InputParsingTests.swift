import Foundation
import XCTest
@testable import RTMPMedia

/// The small parsers of the input side: SPS dimensions, FLV declarations.
final class InputParsingTests: XCTestCase {
    func testSniffsDeclaredTracksFromOnMetaDataInPieces() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: FileRecordingTests.sample))
        var sniffer = FLVTagSniffer()
        data.prefix(4096).withUnsafeBytes { all in
            var offset = 0
            for size in [1, 2, 3, 7, 13, 100, 4096] where offset < all.count {
                let n = min(size, all.count - offset)
                sniffer.consume(UnsafeRawBufferPointer(rebasing: all[offset..<(offset + n)]))
                offset += n
            }
        }
        XCTAssertTrue(sniffer.sawMetadata)
        XCTAssertTrue(sniffer.declaresVideo)
        XCTAssertTrue(sniffer.declaresAudio)
    }

    func testAudioOnlyFLVDeclaresNoVideo() throws {
        let path = NSTemporaryDirectory() + "rtmpmedia-audio-\(getpid()).flv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try runTool("/usr/bin/ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine", "-t", "1", "-c:a", "aac", "-f", "flv", path])
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var sniffer = FLVTagSniffer()
        data.withUnsafeBytes { sniffer.consume($0) }
        XCTAssertTrue(sniffer.declaresAudio)
        XCTAssertFalse(sniffer.declaresVideo)
    }

    func testSPSDimensionsWithCropping() {
        // 1920x1080 High profile SPS (x264): 1088 coded lines cropped to 1080.
        let sps: [UInt8] = [0x67, 0x64, 0x00, 0x28, 0xac, 0xd9, 0x40, 0x78, 0x02, 0x27, 0xe5, 0xc0,
                            0x44, 0x00, 0x00, 0x03, 0x00, 0x04, 0x00, 0x00, 0x03, 0x00, 0xf0, 0x3c,
                            0x60, 0xc6, 0x58]
        let parsed = H264SPS(nal: sps)
        XCTAssertEqual(parsed?.width, 1920)
        XCTAssertEqual(parsed?.height, 1080)
        XCTAssertEqual(parsed?.profile, 100)
    }

    func testSPSFromAVCConfigurationRecordOfARealStream() throws {
        // The sample's avcC, as the FLV demuxer hands it over, gives 640x360.
        let input = try FLVInput(path: FileRecordingTests.sample)
        let tracks = try input.discoverTracks()
        let video = try XCTUnwrap(tracks.first { $0.kind == .video })
        let extradata = try XCTUnwrap(video.parameters.extradata)
        let sps = try XCTUnwrap(H264SPS(extradata: extradata))
        XCTAssertEqual(sps.width, 640)
        XCTAssertEqual(sps.height, 360)
        XCTAssertEqual(Set(tracks.map(\.kind)), [.video, .audio])
    }

    func testRejectsGarbage() {
        XCTAssertNil(H264SPS(nal: [0x67, 0x42]))
        XCTAssertNil(H264SPS(nal: [0x68, 0x42, 0x00, 0x1e, 0xff]))
        var bits = BitReader([0b0010_1000])
        XCTAssertEqual(bits.unsignedGolomb(), 4)
    }

    func testEmulationPreventionBytesAreRemoved() {
        XCTAssertEqual(BitReader.rbsp([0x00, 0x00, 0x03, 0x01, 0x00, 0x00, 0x03]), [0x00, 0x00, 0x01, 0x00, 0x00])
    }

    func testCutRule() {
        let rule = CutRule(segmentDuration: 2_000_000)
        // First segment: only on a video keyframe when the recording has video.
        XCTAssertFalse(rule.shouldCut(isVideo: false, isKeyframe: true, recordingHasVideo: true, segmentElapsed: nil, forced: false))
        XCTAssertFalse(rule.shouldCut(isVideo: true, isKeyframe: false, recordingHasVideo: true, segmentElapsed: nil, forced: false))
        XCTAssertTrue(rule.shouldCut(isVideo: true, isKeyframe: true, recordingHasVideo: true, segmentElapsed: nil, forced: false))
        // Later: a keyframe after the duration, or a forced cut at a keyframe.
        XCTAssertFalse(rule.shouldCut(isVideo: true, isKeyframe: true, recordingHasVideo: true, segmentElapsed: 1_999_999, forced: false))
        XCTAssertTrue(rule.shouldCut(isVideo: true, isKeyframe: true, recordingHasVideo: true, segmentElapsed: 2_000_000, forced: false))
        XCTAssertFalse(rule.shouldCut(isVideo: true, isKeyframe: false, recordingHasVideo: true, segmentElapsed: 9_000_000, forced: true))
        XCTAssertTrue(rule.shouldCut(isVideo: true, isKeyframe: true, recordingHasVideo: true, segmentElapsed: 10, forced: true))
        // Audio-only recordings cut on any packet.
        XCTAssertTrue(rule.shouldCut(isVideo: false, isKeyframe: true, recordingHasVideo: false, segmentElapsed: 2_000_000, forced: false))
        XCTAssertFalse(rule.shouldCut(isVideo: false, isKeyframe: true, recordingHasVideo: false, segmentElapsed: 1_000_000, forced: false))
    }

    func testPartRule() {
        let rule = PartRule(partDuration: 500_000, partWallDuration: 0.5)
        var part = Part(now: 100)
        XCTAssertFalse(rule.isDue(part, nextDTS: 10_000_000))
        XCTAssertFalse(rule.isDueByClock(part, now: 200), "an empty part is never flushed")
        part.add(dts: 1_000_000, size: 10)
        XCTAssertFalse(rule.isDue(part, nextDTS: 1_499_999))
        XCTAssertTrue(rule.isDue(part, nextDTS: 1_500_000))
        XCTAssertFalse(rule.isDueByClock(part, now: 100.4))
        XCTAssertTrue(rule.isDueByClock(part, now: 100.5))
    }

    func testReconnectBackOffDoublesToTheCap() {
        let p = ReconnectPolicy()
        XCTAssertEqual((1...6).map { p.delay(attempt: $0) }, [0.5, 1, 2, 4, 5, 5])
    }
}

final class TCPReachabilityTests: XCTestCase {
    func testResolvesAndReportsUnreachableQuickly() throws {
        let local = try TCPReachability.resolve("localhost", port: 1935)
        XCTAssertEqual(local.sin_addr.s_addr, inet_addr("127.0.0.1"))
        XCTAssertThrowsError(try TCPReachability.resolve("no-such-host.invalid", port: 1935))
        let closed = try TCPReachability.resolve("127.0.0.1", port: freePort())
        XCTAssertThrowsError(try TCPReachability.check(closed, name: "closed", timeout: 1, cancelled: { false })) { error in
            XCTAssertTrue("\(error)".contains("refused"), "\(error)")
        }
    }
}
