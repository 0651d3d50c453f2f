import Foundation
import PexipClient
import XCTest
@testable import Companion

final class SlideArchiverTests: XCTestCase {
    func testKeepsDistinctSlidesOnceWithPresenterTimesAndDurations() async throws {
        let folder = temporaryFolder("archive")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = FakeFrameSource()
        await source.set("1", .image(try SlideImages.slide(1)))
        await source.set("2", .image(try SlideImages.slide(2)))
        await source.set("3", .image(try SlideImages.slide(2)))            // byte-identical repeat
        await source.set("4", .image(try SlideImages.slide(2, noise: true))) // noisy duplicate
        await source.set("5", .image(try SlideImages.slide(3)))
        let timeline = RecordingTimeline(startDate: Date(timeIntervalSince1970: 1_800_000_000))
        let log = LogLines()
        let archiver = try SlideArchiver(folder: folder, timeline: timeline, fetch: source.fetcher, log: log.sink)

        await archiver.presentationStarted(PresentationStart(presenterName: "Carol/../x", presenterUUID: "uuid-c"), at: 5)
        for (index, (id, time)) in [("1", 5.5), ("2", 8.0), ("3", 10.0), ("4", 11.0), ("5", 12.5)].enumerated() {
            await archiver.frame(id: id, at: time)
            let handled = await eventually { await archiver.handledFrames() == index + 1 }
            XCTAssertTrue(handled, "frame \(id) handled")
        }
        await archiver.presentationStopped(at: 15)
        await archiver.finish(at: 19)

        let catalog = try JSONDecoder().decode(SlideCatalog.self, from: Data(contentsOf: folder.appendingPathComponent("slides.json")))
        XCTAssertEqual(catalog.slides.map(\.file), ["0001-00m05s.jpg", "0002-00m08s.jpg", "0003-00m12s.jpg"])
        XCTAssertEqual(catalog.slides.map(\.frameID), ["1", "2", "5"])
        XCTAssertEqual(catalog.slides.map(\.time), [5.5, 8.0, 12.5])
        XCTAssertEqual(catalog.slides.map(\.duration), [2.5, 4.5, 2.5])
        XCTAssertEqual(catalog.slides.map(\.presenterName), ["Carol/../x", "Carol/../x", "Carol/../x"])
        XCTAssertEqual(catalog.slides.map(\.presenterUUID), ["uuid-c", "uuid-c", "uuid-c"])
        XCTAssertEqual(catalog.slides.first?.wall, "2027-01-15T08:00:05.500Z")
        XCTAssertEqual(catalog.framesDuplicate, 2)
        XCTAssertEqual(catalog.framesFailed, 0)
        XCTAssertNotNil(catalog.endedAt)
        let saved = await archiver.savedCount()
        XCTAssertEqual(saved, 3)

        // The files are the fetched bytes, and nothing else landed in the folder (the
        // presenter's name with path characters never became a path).
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("0002-00m08s.jpg")), try SlideImages.slide(2))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(files, ["0001-00m05s.jpg", "0002-00m08s.jpg", "0003-00m12s.jpg", "index.html", "slides.json", "slides.pdf"])
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("Carol/../x"))
        XCTAssertEqual(html.components(separatedBy: "<img class=\"slide\"").count, 4)
        XCTAssertTrue(log.all.contains { $0.contains("same image as slide 2") }, log.all.joined(separator: "\n"))
        XCTAssertTrue(log.all.contains { $0.contains("differs from slide 2 only by") })
    }

    func testFramesArrivingFasterThanDownloadsAreCoalescedToTheNewest() async throws {
        let folder = temporaryFolder("coalesce")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = FakeFrameSource()
        for n in 1...5 { await source.set(String(n), .image(try SlideImages.slide(n))) }
        await source.hold()
        let archiver = try SlideArchiver(folder: folder, timeline: RecordingTimeline(), fetch: source.fetcher,
                                         log: LogLines().sink)
        await archiver.frame(id: "1", at: 1)
        let started = await eventually { await source.requested == ["1"] }
        XCTAssertTrue(started)
        // While frame 1 is stuck downloading, events keep being accepted at once.
        let clock = ContinuousClock()
        let start = clock.now
        for n in 2...5 { await archiver.frame(id: String(n), at: Double(n)) }
        XCTAssertLessThan(clock.now - start, .milliseconds(200), "feeding events must not wait for downloads")
        let during = await source.requested
        XCTAssertEqual(during, ["1"], "only one download at a time")
        await source.release()
        await archiver.finish(at: 6)
        let requested = await source.requested
        XCTAssertEqual(requested, ["1", "5"], "frames 2-4 were replaced before they were fetched")
        let catalog = await archiver.currentCatalog()
        XCTAssertEqual(catalog.slides.map(\.frameID), ["1", "5"])
        XCTAssertEqual(catalog.slides.map(\.time), [1, 5])
        XCTAssertEqual(catalog.framesCoalesced, 3)
    }

    func testBadFramesAreLoggedAndSkippedWithoutDisturbingTheRest() async throws {
        let folder = temporaryFolder("bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = FakeFrameSource()
        let good = try SlideImages.slide(1)
        await source.set("403", .failure(PexipError.refused(reason: "Invalid token")))
        await source.set("404", .failure(PexipError.http(status: 404, reason: "No presentation frame")))
        await source.set("500", .failure(PexipError.http(status: 500, reason: "boom")))
        await source.set("huge", .failure(PexipError.tooLarge(limit: 20 << 20)))
        await source.set("cut", .image(good.prefix(good.count / 2)))
        await source.set("html", .image(Data("<html>Forbidden</html>".utf8)))
        await source.set("ok", .image(good))
        let log = LogLines()
        let archiver = try SlideArchiver(folder: folder, timeline: RecordingTimeline(), fetch: source.fetcher, log: log.sink)
        await archiver.presentationStarted(PresentationStart(presenterName: "Dan", presenterUUID: "d"), at: 0)
        let ids = ["403", "404", "500", "huge", "cut", "html", "ok"]
        for (index, id) in ids.enumerated() {
            await archiver.frame(id: id, at: Double(index))
            let handled = await eventually { await archiver.handledFrames() == index + 1 }
            XCTAssertTrue(handled, "frame \(id) handled")
        }
        await archiver.finish(at: 10)
        let catalog = await archiver.currentCatalog()
        XCTAssertEqual(catalog.slides.map(\.frameID), ["ok"])
        XCTAssertEqual(catalog.slides.first?.file, "0001-00m06s.jpg")
        XCTAssertEqual(catalog.framesFailed, 6)
        let warnings = log.all.filter { $0.hasPrefix("warning:") }
        XCTAssertEqual(warnings.count, 6, warnings.joined(separator: "\n"))
        XCTAssertTrue(warnings.contains { $0.contains("frame huge") && $0.contains("larger than 20 MiB") })
        XCTAssertTrue(warnings.contains { $0.contains("frame cut") && $0.contains("truncated") })
        XCTAssertTrue(warnings.contains { $0.contains("frame html") && $0.contains("not a JPEG") })
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("slides.pdf").path))
    }

    func testFinishWithoutSlidesWritesAnEmptyIndexAndNoPDF() async throws {
        let folder = temporaryFolder("empty")
        defer { try? FileManager.default.removeItem(at: folder) }
        let archiver = try SlideArchiver(folder: folder, timeline: RecordingTimeline(), fetch: FakeFrameSource().fetcher,
                                         log: LogLines().sink)
        await archiver.finish(at: 3)
        await archiver.finish(at: 4)  // idempotent
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(files, ["index.html", "slides.json"])
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("No slides were shown."))
    }

    func testFinishGivesUpOnAHungDownload() async throws {
        let folder = temporaryFolder("hung")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = FakeFrameSource()
        await source.set("1", .image(try SlideImages.slide(1)))
        await source.hold()
        var options = SlideArchiver.Options()
        options.finishGrace = .milliseconds(300)
        let log = LogLines()
        let archiver = try SlideArchiver(folder: folder, timeline: RecordingTimeline(), options: options,
                                         fetch: source.fetcher, log: log.sink)
        await archiver.frame(id: "1", at: 1)
        let started = await eventually { await source.requested == ["1"] }
        XCTAssertTrue(started)
        let clock = ContinuousClock()
        let start = clock.now
        await archiver.finish(at: 2)
        XCTAssertLessThan(clock.now - start, .seconds(2))
        XCTAssertTrue(log.all.contains { $0.contains("giving up") })
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("index.html").path))
        await source.release()
    }
}
