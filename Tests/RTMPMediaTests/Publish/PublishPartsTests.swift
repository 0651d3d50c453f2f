import CFFmpeg
import XCTest
@testable import RTMPMedia

/// The pure parts of the publisher: tag assembly, pacing, the loop timeline, the plan rules,
/// DTS ordering.
final class PublishPartsTests: XCTestCase {
    /// An FLV tag of `type` with `body` bytes, as the muxer writes it.
    private func tag(_ type: UInt8, body: Int, fill: UInt8) -> [UInt8] {
        var bytes: [UInt8] = [type, UInt8(body >> 16 & 0xff), UInt8(body >> 8 & 0xff), UInt8(body & 0xff), 0, 0, 0, 0, 0, 0, 0]
        bytes += Array(repeating: fill, count: body)
        let total = 11 + body
        bytes += [UInt8(total >> 24 & 0xff), UInt8(total >> 16 & 0xff), UInt8(total >> 8 & 0xff), UInt8(total & 0xff)]
        return bytes
    }

    func testAssemblerHandsOutWholeTagsWhateverTheSplits() {
        let header: [UInt8] = [0x46, 0x4C, 0x56, 1, 5, 0, 0, 0, 9, 0, 0, 0, 0]
        let tags = [tag(18, body: 30, fill: 1), tag(9, body: 70_000, fill: 2), tag(8, body: 5, fill: 3), tag(9, body: 0, fill: 0)]
        let stream = header + tags.flatMap { $0 }
        for chunk in [1, 7, 11, 4096, 65_536, stream.count] {
            let assembler = FLVTagAssembler(capacity: 16)
            var out: [[UInt8]] = []
            var offset = 0
            while offset < stream.count {
                let n = min(chunk, stream.count - offset)
                stream[offset..<offset + n].withUnsafeBytes { assembler.append($0) }
                assembler.drainTags { out.append(Array($0)) }
                offset += n
            }
            XCTAssertEqual(out, tags, "chunks of \(chunk)")
            XCTAssertEqual(assembler.pendingBytes, 0)
        }
    }

    func testAssemblerKeepsATagWhoseWriteFailed() {
        let assembler = FLVTagAssembler()
        let one = tag(8, body: 10, fill: 9)
        one.withUnsafeBytes { assembler.append($0) }
        struct Refused: Error {}
        XCTAssertThrowsError(try assembler.drainTags { _ in throw Refused() })
        var out: [[UInt8]] = []
        assembler.drainTags { out.append(Array($0)) }
        XCTAssertEqual(out, [one])
    }

    func testPacerDeadlinesAreAbsoluteFromTheFirstPacket() {
        final class FakeClock: @unchecked Sendable { var now = 100.0 }
        let clock = FakeClock()
        var pacer = PublishPacer(clock: { clock.now })
        XCTAssertEqual(pacer.deadline(forDts: 40_000), 100, "the first packet goes at once")
        clock.now = 100.7  // a late wake-up must not shift later deadlines
        XCTAssertEqual(pacer.deadline(forDts: 1_040_000), 101, accuracy: 1e-9)
        XCTAssertEqual(pacer.deadline(forDts: 3_600_040_000), 3700, accuracy: 1e-6, "no drift after an hour")
        XCTAssertEqual(pacer.lateness(forDts: 540_000), 0.2, accuracy: 1e-9)
    }

    func testTimelineStartsEachPlayAfterTheLastAndNeverGoesNegative() {
        var timeline = PublishTimeline()
        timeline.beginPlay()
        timeline.anchor(inputMicroseconds: -80_000)  // B-frame DTS before zero
        XCTAssertEqual(timeline.map(-80_000), 0)
        XCTAssertEqual(timeline.map(0), 80_000)
        timeline.extend(to: timeline.map(5_960_000) + 40_000)
        timeline.beginPlay()
        timeline.anchor(inputMicroseconds: 2_000_000)  // the second play starts at --start-at
        XCTAssertEqual(timeline.playStart, 6_080_000)
        XCTAssertEqual(timeline.map(2_000_000), 6_080_000)
        XCTAssertEqual(timeline.plays, 2)
    }

    func testPlannerPassesThroughOnlyWhatFits() {
        let planner = StreamPlanner(options: PublishOptions())
        let h264 = StreamPlanner.VideoSource(codec: "h264", pixelFormat: "yuv420p", width: 1280, height: 720,
                                             frameRate: 25, bitrateKbps: 2000)
        XCTAssertEqual(planner.plan(video: h264, hasAudio: true, stillImage: false).0.action, .passThrough)
        var vp9 = h264
        vp9.codec = "vp9"
        XCTAssertNotEqual(planner.plan(video: vp9, hasAudio: true, stillImage: false).0.action, .passThrough)
        var tenBit = h264
        tenBit.pixelFormat = "yuv420p10le"
        XCTAssertNotEqual(planner.plan(video: tenBit, hasAudio: true, stillImage: false).0.action, .passThrough)
        var big = h264
        (big.width, big.height) = (3840, 2160)
        let bigPlan = planner.plan(video: big, hasAudio: true, stillImage: false).0
        XCTAssertEqual([bigPlan.width, bigPlan.height], [1920, 1080])
        let odd = StreamPlanner.fit(width: 2000, height: 1500, maxWidth: 1920, maxHeight: 1080)
        XCTAssertEqual([odd.0, odd.1], [1440, 1080])

        let aac = StreamPlanner.AudioSource(codec: "aac", sampleRate: 48_000, channels: 2, bitrateKbps: 128)
        XCTAssertEqual(planner.plan(audio: aac, hasVideo: true).0.action, .passThrough)
        let mono22 = StreamPlanner.AudioSource(codec: "aac", sampleRate: 22_050, channels: 1, bitrateKbps: 64)
        let plan22 = planner.plan(audio: mono22, hasVideo: true).0
        XCTAssertEqual([plan22.sampleRate, plan22.channels], [44_100, 2])
        let opus = StreamPlanner.AudioSource(codec: "opus", sampleRate: 48_000, channels: 2, bitrateKbps: 96)
        XCTAssertEqual(planner.plan(audio: opus, hasVideo: true).0.sampleRate, 48_000)
    }

    func testBitrateCapReencodesPassThroughAboveItWithAWarning() {
        let capped = StreamPlanner(options: PublishOptions(maxBitrateKbps: 1000))
        let h264 = StreamPlanner.VideoSource(codec: "h264", pixelFormat: "yuv420p", width: 1280, height: 720,
                                             frameRate: 25, bitrateKbps: 2500)
        let (plan, warning) = capped.plan(video: h264, hasAudio: true, stillImage: false)
        XCTAssertNotEqual(plan.action, .passThrough)
        XCTAssertNotNil(warning)
        XCTAssertLessThanOrEqual(plan.bitrateKbps + capped.audioBudget(hasVideo: true), 1000)
        var low = h264
        low.bitrateKbps = 600
        XCTAssertEqual(capped.plan(video: low, hasAudio: true, stillImage: false).0.action, .passThrough)
    }

    func testQueueReleasesInDTSOrderOnceEveryStreamHasAPacket() {
        let queue = PublishPacketQueue(streams: 2)
        let packet = av_packet_alloc()!
        defer { var p: UnsafeMutablePointer<AVPacket>? = packet; av_packet_free(&p) }
        func push(_ stream: Int, _ dts: Int64) {
            queue.push(moving: packet, stream: stream, dts: dts, pts: dts, duration: 0, position: 0)
        }
        push(1, 0); push(1, 21_000); push(1, 42_000)  // audio read ahead of video
        XCTAssertNil(queue.pop(), "video has not shown up yet")
        push(0, 10_000)
        var order: [Int64] = []
        while let e = queue.pop() { order.append(e.dts); queue.recycle(e) }
        XCTAssertEqual(order, [0, 10_000], "stops when video runs dry again")
        queue.setFinished(0, true)
        while let e = queue.pop() { order.append(e.dts); queue.recycle(e) }
        XCTAssertEqual(order, [0, 10_000, 21_000, 42_000])
    }

    func testLoopTextAndBitrateMeter() {
        XCTAssertEqual(PublishOptions.Loop(text: "3"), .times(3))
        XCTAssertEqual(PublishOptions.Loop(text: "forever"), .forever)
        XCTAssertNil(PublishOptions.Loop(text: "0"))
        XCTAssertNil(PublishOptions.Loop(text: "x"))
        var meter = BitrateMeter(window: 3)
        XCTAssertEqual(meter.record(time: 0, totalBytes: 0), 0)
        XCTAssertNil(meter.record(time: 0.2, totalBytes: 10_000), "sampled twice a second")
        XCTAssertEqual(meter.record(time: 1, totalBytes: 250_000) ?? 0, 2000, accuracy: 0.1)
    }
}
