import Foundation
import XCTest
@testable import SlideDocuments

final class SlideIndexPageTests: XCTestCase {
    func testNamesAreEscapedAndLinksCannotCarryAScheme() {
        let page = SlideIndexPage(title: "Q&A <live>", entries: [
            SlideIndexPage.Entry(number: 1, image: "0001-00m05s.jpg", time: 5.4,
                                 presenterName: "<script>alert('x')</script>../../etc",
                                 recordingLink: "javascript:alert(1)"),
        ]).render()
        XCTAssertTrue(page.contains("<title>Q&amp;A &lt;live&gt;</title>"))
        XCTAssertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;../../etc"))
        XCTAssertFalse(page.contains("<script>alert"))
        XCTAssertFalse(page.contains("href=\"javascript:"))
        XCTAssertTrue(page.contains("href=\"javascript%3Aalert%281%29\""), page)
        XCTAssertEqual(page.components(separatedBy: "<script>").count, 2, "only the page's own script")
    }

    func testShowsTimeDurationPresenterAndRecordingLink() {
        let page = SlideIndexPage(title: "t", entries: [
            .init(number: 1, image: "0001-00m05s.jpg", time: 5, wallClock: "2026-12-04T16:00:05Z",
                  duration: 75, presenterName: "Alice", recordingLink: "../main/000001.mp4#t=5.0"),
            .init(number: 2, image: "0002-01h02m03s.jpg", time: 3723.9),
        ]).render()
        XCTAssertTrue(page.contains("<time title=\"2026-12-04T16:00:05Z\">0:05</time>"), page)
        XCTAssertTrue(page.contains("shown 1 min 15 s"))
        XCTAssertTrue(page.contains("Alice"))
        XCTAssertTrue(page.contains("href=\"../main/000001.mp4#t=5.0\""))
        XCTAssertTrue(page.contains(">1:02:03</time>"))
        XCTAssertEqual(page.components(separatedBy: "class=\"play\"").count, 2, "only slide 1 has a recording link")
        XCTAssertFalse(page.contains("http://") || page.contains("https://"), "nothing from the network")
    }

    /// Debian's chromium loads the page from disk: every image loads, the console stays clean.
    func testChromiumLoadsEveryImageWithoutConsoleErrors() throws {
        let folder = Tools.folder.appendingPathComponent("html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var entries: [SlideIndexPage.Entry] = []
        for n in 1...3 {
            let name = "000\(n)-00m0\(n)s.jpg"
            _ = try Tools.slide(colour: "navy", boxes: n, size: "640x360", file: folder.appendingPathComponent(name))
            entries.append(.init(number: n, image: name, time: Double(n), presenterName: "Bob",
                                 width: 640, height: 360))
        }
        let page = folder.appendingPathComponent("index.html")
        try SlideIndexPage(title: "Slides", entries: entries).render().write(to: page, atomically: true, encoding: .utf8)

        let result = try ChromiumPage.load(page)
        XCTAssertTrue(result.dom.contains("data-images-loaded=\"3\""), result.dom)
        XCTAssertTrue(result.dom.contains("data-images-failed=\"0\""), result.dom)
        XCTAssertEqual(result.consoleLines, [], "no console messages")

        // The check itself can fail: a missing image is reported.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("0002-00m02s.jpg"))
        let broken = try ChromiumPage.load(page)
        XCTAssertTrue(broken.dom.contains("data-images-loaded=\"2\""), broken.dom)
        XCTAssertTrue(broken.dom.contains("data-images-failed=\"1\""), broken.dom)
        XCTAssertFalse(broken.consoleLines.isEmpty, "a missing image shows as a console error")
    }
}

/// Loads a local page in headless chromium and returns the DOM after the load event, plus the
/// console lines chromium logged.
enum ChromiumPage {
    static func load(_ page: URL) throws -> (dom: String, consoleLines: [String]) {
        let profile = Tools.folder.appendingPathComponent("chromium-\(UUID().uuidString)")
        let result = try Tools.run("/usr/bin/chromium", [
            "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
            "--virtual-time-budget=5000", "--dump-dom", page.absoluteString,
        ], timeout: 60)
        try? FileManager.default.removeItem(at: profile)
        let console = result.errors.split(separator: "\n").map(String.init).filter { $0.contains("CONSOLE") }
        return (result.output, console)
    }
}
