import XCTest
@testable import RTMPMedia

final class TimestampNormalizerTests: XCTestCase {
    private func feed(_ n: inout TimestampNormalizer, _ track: Int, _ dts: [Int64]) -> [Int64] {
        dts.map { n.normalize(track: track, dts: $0, pts: $0).dts }
    }

    func testStartsAtZeroAndKeepsSteps() {
        var n = TimestampNormalizer()
        let v = n.addTrack(.flvVideo)
        XCTAssertEqual(feed(&n, v, [5000, 5040, 5080]), [0, 40_000, 80_000])
    }

    func testWrapAt32BitMilliseconds() {
        var n = TimestampNormalizer()
        let v = n.addTrack(.flvVideo)
        let top = Int64(1) << 32
        let out = feed(&n, v, [top - 80, top - 40, 0, 40, 80])
        XCTAssertEqual(out, [0, 40_000, 80_000, 120_000, 160_000])
    }

    func testWrapAlreadyUnwrappedByDemuxerIsKept() {
        var n = TimestampNormalizer()
        let v = n.addTrack(.flvVideo)
        let top = Int64(1) << 32
        XCTAssertEqual(feed(&n, v, [top - 40, top, top + 40]), [0, 40_000, 80_000])
    }

    func testLateValueFromBeforeTheWrapIsNudgedNotRebased() {
        var n = TimestampNormalizer()
        let a = n.addTrack(.flvAudio)
        let top = Int64(1) << 32
        let out = n.normalize(track: a, dts: top - 20, pts: nil)
        let after = n.normalize(track: a, dts: 3, pts: nil)
        let late = n.normalize(track: a, dts: top - 10, pts: nil)
        XCTAssertEqual(out.dts, 0)
        XCTAssertEqual(after.dts, 23_000)
        XCTAssertEqual(late.dts, 23_001, "a late packet must not go backwards")
        XCTAssertNil(late.discontinuity)
    }

    func testRepeatsBecomeStrictlyIncreasing() {
        var n = TimestampNormalizer()
        let v = n.addTrack(.flvVideo)
        let out = feed(&n, v, [0, 40, 40, 40, 120])
        XCTAssertEqual(out, [0, 40_000, 40_001, 40_002, 120_000])
    }

    func testSmallStepBackIsNudged() {
        var n = TimestampNormalizer()
        let v = n.addTrack(.flvVideo)
        let out = feed(&n, v, [0, 40, 80, 60, 120])
        XCTAssertEqual(out, [0, 40_000, 80_000, 80_001, 120_000])
    }

    func testForwardJumpIsRebasedAndReported() {
        var n = TimestampNormalizer(gapThreshold: 1_000_000)
        let v = n.addTrack(.flvVideo)
        _ = feed(&n, v, [0, 40, 80])
        let jumped = n.normalize(track: v, dts: 60_080, pts: 60_080)
        XCTAssertEqual(jumped.dts, 120_000, "continues one frame after the last")
        XCTAssertEqual(jumped.discontinuity, .jumpedForward(gap: 59_960_000))
        XCTAssertEqual(n.normalize(track: v, dts: 60_120, pts: 60_120).dts, 160_000)
    }

    func testJumpWithinThresholdIsKept() {
        var n = TimestampNormalizer(gapThreshold: 1_000_000)
        let v = n.addTrack(.flvVideo)
        XCTAssertEqual(feed(&n, v, [0, 40, 840]), [0, 40_000, 840_000])
    }

    func testBackwardJumpContinuesAfterLastFrame() {
        var n = TimestampNormalizer(gapThreshold: 1_000_000)
        let v = n.addTrack(.flvVideo)
        _ = feed(&n, v, [10_000, 10_040, 10_080])
        let back = n.normalize(track: v, dts: 0, pts: 0)
        XCTAssertEqual(back.dts, 120_000)
        XCTAssertEqual(back.discontinuity, .jumpedBackward(by: 10_080_000), "from 80 ms out, input 10 s back")
        XCTAssertEqual(feed(&n, v, [40]), [160_000])
    }

    func testResumeAfterReconnectKeepsTracksInSync() {
        var n = TimestampNormalizer()
        let v = n.addTrack(.flvVideo)
        let a = n.addTrack(.flvAudio)
        _ = feed(&n, v, [0, 40, 80])
        _ = feed(&n, a, [0, 23, 46, 69, 92])
        // head: audio 92 ms + 23 ms = 115 ms; video 80 + 40 = 120 ms.
        n.resume()
        let firstVideo = n.normalize(track: v, dts: 0, pts: 0)
        XCTAssertEqual(firstVideo.discontinuity, .resumed)
        XCTAssertEqual(firstVideo.dts, 120_000)
        let firstAudio = n.normalize(track: a, dts: 10, pts: 10)
        XCTAssertNil(firstAudio.discontinuity, "audio joins the video's shift")
        XCTAssertEqual(firstAudio.dts, 130_000, "A/V offset of the new connection is kept")
        XCTAssertEqual(feed(&n, v, [40]), [160_000])
    }

    func testTracksJumpingTogetherShareOneShift() {
        var n = TimestampNormalizer(gapThreshold: 1_000_000)
        let v = n.addTrack(.flvVideo)
        let a = n.addTrack(.flvAudio)
        _ = feed(&n, v, [0, 40])
        _ = feed(&n, a, [0, 23, 46])
        let jv = n.normalize(track: v, dts: 100_000, pts: 100_000)
        let ja = n.normalize(track: a, dts: 100_005, pts: 100_005)
        XCTAssertNotNil(jv.discontinuity)
        XCTAssertNil(ja.discontinuity)
        XCTAssertEqual(ja.dts - jv.dts, 5_000)
    }

    func testOneTrackPausingWhileOtherGoesOnIsNotRebased() {
        var n = TimestampNormalizer(gapThreshold: 1_000_000)
        let v = n.addTrack(.flvVideo)
        let a = n.addTrack(.flvAudio)
        _ = feed(&n, v, [0])
        var audio: [Int64] = []
        for ms in stride(from: Int64(0), through: 5000, by: 20) { audio.append(ms) }
        _ = feed(&n, a, audio)
        let frozenThenBack = n.normalize(track: v, dts: 5000, pts: 5000)
        XCTAssertNil(frozenThenBack.discontinuity)
        XCTAssertEqual(frozenThenBack.dts, 5_000_000)
    }

    func testCompositionOffsetKeepsPTSAtOrAfterDTS() {
        var n = TimestampNormalizer()
        let v = n.addTrack(.flvVideo)
        let first = n.normalize(track: v, dts: 1000, pts: 1080)
        XCTAssertEqual(first.pts - first.dts, 80_000)
        let bad = n.normalize(track: v, dts: 1040, pts: 1000)
        XCTAssertEqual(bad.pts, bad.dts, "PTS before DTS is clamped")
        let unknown = n.normalize(track: v, dts: 1080, pts: nil)
        XCTAssertEqual(unknown.pts, unknown.dts)
    }

    func testCompositionOffsetAcrossTheWrap() {
        var n = TimestampNormalizer()
        let v = n.addTrack(.flvVideo)
        let top = Int64(1) << 32
        let out = n.normalize(track: v, dts: top - 40, pts: 40)
        XCTAssertEqual(out.pts - out.dts, 80_000)
    }

    func testOtherTimeBases() {
        var n = TimestampNormalizer()
        let v = n.addTrack(.init(timeBase: .init(1, 90_000), wrapBits: 33, defaultFrameDuration: 40_000))
        XCTAssertEqual(feed(&n, v, [90_000, 93_600]), [0, 40_000])
        let top = Int64(1) << 33
        var m = TimestampNormalizer()
        let w = m.addTrack(.init(timeBase: .init(1, 90_000), wrapBits: 33, defaultFrameDuration: 40_000))
        XCTAssertEqual(feed(&m, w, [top - 3600, 0]), [0, 40_000])
    }

    func testHeadIncludesLastFrameDuration() {
        var n = TimestampNormalizer()
        let v = n.addTrack(.flvVideo)
        XCTAssertNil(n.head)
        _ = feed(&n, v, [0, 40])
        XCTAssertEqual(n.head, 80_000)
        _ = n.normalize(track: v, dts: 100, pts: 100, duration: 10)
        XCTAssertEqual(n.head, 110_000)
    }
}

final class TimestampNormalizerBackwardTests: XCTestCase {
    func testPublisherRestartOnTheSameConnectionIsADiscontinuity() {
        var n = TimestampNormalizer()
        let v = n.addTrack(.flvVideo)
        let a = n.addTrack(.flvAudio)
        for ms in stride(from: Int64(0), through: 2100, by: 20) {
            _ = n.normalize(track: a, dts: ms, pts: ms)
            if ms % 40 == 0 { _ = n.normalize(track: v, dts: ms + 1, pts: ms + 1) }
        }
        let audio = n.normalize(track: a, dts: 0, pts: 0)
        XCTAssertEqual(audio.discontinuity, .jumpedBackward(by: 2_100_000))
        let video = n.normalize(track: v, dts: 21, pts: 21)
        XCTAssertNil(video.discontinuity, "video joins the audio's shift")
        XCTAssertEqual(video.dts - audio.dts, 21_000)
        XCTAssertGreaterThan(audio.dts, 2_100_000)
    }

    func testJitterBackwardsIsOnlyNudged() {
        var n = TimestampNormalizer()
        let v = n.addTrack(.flvVideo)
        _ = n.normalize(track: v, dts: 1000, pts: 1000)
        let back = n.normalize(track: v, dts: 900, pts: 900)
        XCTAssertNil(back.discontinuity)
        XCTAssertEqual(back.dts, 1)
    }
}
