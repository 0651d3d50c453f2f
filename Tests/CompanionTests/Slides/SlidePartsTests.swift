import Foundation
import XCTest
@testable import Companion

final class SlidePartsTests: XCTestCase {
    func testFileNamesCarryPositionAndTime() {
        XCTAssertEqual(SlideFileName.make(number: 3, time: 42.9), "0003-00m42s.jpg")
        XCTAssertEqual(SlideFileName.make(number: 12, time: 3723), "0012-1h02m03s.jpg")
        XCTAssertEqual(SlideFileName.make(number: 1, time: -0.2), "0001-00m00s.jpg")
    }

    func testSlotKeepsOnlyTheNewestFrame() {
        var slot = FrameSlot()
        XCTAssertNil(slot.offer(PendingFrame(id: "1", time: 1)))
        XCTAssertEqual(slot.offer(PendingFrame(id: "2", time: 2))?.id, "1")
        XCTAssertEqual(slot.offer(PendingFrame(id: "3", time: 3))?.id, "2")
        XCTAssertEqual(slot.take()?.id, "3")
        XCTAssertNil(slot.take())
        XCTAssertEqual(slot.coalesced, 2)
    }

    func testRecordingLinksPointIntoTheSegmentThatHoldsTheMoment() {
        var manifest = Manifest(tool: "test", startedAt: "2026-01-01T00:00:00Z")
        manifest.tracks["main"] = Manifest.Track(segments: [
            .init(file: "main/000001.mp4", start: 0.4, duration: 10, gapBefore: 0, complete: true),
            .init(file: "main/000002.mp4", start: 14, duration: 6, gapBefore: 3.6, complete: false),
        ])
        let links = RecordingLinks(manifest: manifest)
        XCTAssertEqual(links.link(at: 5.6), "../main/000001.mp4#t=5.2")
        XCTAssertNil(links.link(at: 12), "in the gap")
        XCTAssertEqual(links.link(at: 16), "../main/000002.mp4#t=2.0")
        XCTAssertEqual(links.link(at: 22), "../main/000002.mp4#t=8.0", "the open last segment runs on")
        XCTAssertEqual(links.link(at: 0.3), "../main/000001.mp4#t=0.0")
        XCTAssertNil(RecordingLinks(manifest: Manifest(tool: "t", startedAt: "x")).link(at: 1))
    }
}
