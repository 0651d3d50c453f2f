import Foundation
import XCTest

/// `pexrtmp slides` against the simulated node's `quick` meeting: 3 distinct slides, a
/// byte-identical repeat and a noisy duplicate of slide 2, presented by Carol.
final class SlidesEndToEndTests: XCTestCase {
    func testArchivesTheDistinctSlidesAndStopsCleanlyOnSIGINTAndDuration() throws {
        let node = try SimulatedNode()
        defer { node.stop() }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("slides-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let full = base.appendingPathComponent("full")
        let interrupted = base.appendingPathComponent("interrupted")
        let idle = base.appendingPathComponent("idle")

        // Two archivers in the same meeting: one to the end, one (high resolution) stopped by
        // SIGINT once it has two slides.
        let run = try CommandRun.pexrtmp(["slides", "--node", node.http, "--conference", "quick",
                                          "--out", full.path, "--name", "Archiver"])
        let stopped = try CommandRun.pexrtmp(["slides", "--node", node.http, "--conference", "quick",
                                              "--out", interrupted.path, "--name", "Interrupted archiver", "--high"])
        // A third in a conference where nobody presents, stopped by --duration.
        let timed = try CommandRun.pexrtmp(["slides", "--node", node.http, "--conference", "idle",
                                            "--out", idle.path, "--duration", "2s"])
        XCTAssertTrue(waitFor(timeout: 30) { (try? jpegs(in: interrupted).count) ?? 0 >= 2 }, stopped.stderr)
        stopped.signal(SIGINT)
        XCTAssertEqual(stopped.wait(timeout: 20), 0, stopped.stderr)
        // Still mid-meeting: the interrupted archiver has left, the other one is still there.
        let present = (try node.conferenceState("quick")["participants"] as? [[String: Any]] ?? [])
            .compactMap { $0["display_name"] as? String }
        XCTAssertTrue(present.contains("Archiver"), "\(present)")
        XCTAssertFalse(present.contains("Interrupted archiver"), "the interrupted archiver released its token")
        XCTAssertEqual(run.wait(timeout: 60), 0, run.stderr)

        // Exactly the three distinct slides, in order, at the scenario's times, by Carol.
        let scenario = try node.conferenceState("quick")
        let timeline = scenario["timeline"] as? [[String: Any]] ?? []
        let shown = timeline.filter { $0["action"] as? String == "slide" }
        let start = try XCTUnwrap(timeline.first { $0["action"] as? String == "presentation_start" })
        let stop = try XCTUnwrap(timeline.first { $0["action"] as? String == "presentation_stop" })
        let presenter = try XCTUnwrap(start["details"] as? [String: Any])
        XCTAssertEqual(shown.count, 3)

        let catalog = try slidesJSON(full)
        let slides = catalog["slides"] as? [[String: Any]] ?? []
        XCTAssertEqual(slides.count, 3, "\(slides)\n\(run.stderr)")
        XCTAssertEqual(catalog["frames_duplicate"] as? Int, 2)
        XCTAssertEqual(slides.map { $0["frame_id"] as? String },
                       shown.map { ($0["details"] as? [String: Any])?["frame_id"] as? String })
        XCTAssertEqual(slides.map { $0["number"] as? Int }, [1, 2, 3])
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for (index, slide) in slides.enumerated() {
            XCTAssertEqual(slide["presenter_name"] as? String, "Carol")
            XCTAssertEqual(slide["presenter_uuid"] as? String, presenter["presenter_uuid"] as? String)
            XCTAssertEqual(slide["width"] as? Int, 640)
            let wall = try XCTUnwrap(iso.date(from: slide["wall"] as? String ?? "")).timeIntervalSince1970
            let expected = try XCTUnwrap(shown[index]["wall_time"] as? Double)
            XCTAssertEqual(wall, expected, accuracy: 0.5, "slide \(index + 1) time")
            let until = try XCTUnwrap((index + 1 < shown.count ? shown[index + 1] : stop)["wall_time"] as? Double)
            XCTAssertEqual(slide["duration"] as? Double ?? -1, until - expected, accuracy: 0.5, "slide \(index + 1) duration")
            let file = full.appendingPathComponent(slide["file"] as? String ?? "missing")
            XCTAssertTrue(FileManager.default.fileExists(atPath: file.path))
        }
        XCTAssertEqual(try jpegs(in: full).count, 3)
        XCTAssertTrue(try jpegs(in: full).allSatisfy { $0.range(of: #"^000[1-3]-00m[0-9]{2}s\.jpg$"#, options: .regularExpression) != nil })

        // The PDF: one page per slide, each the JPEG as fetched.
        let info = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/pdfinfo"), [full.appendingPathComponent("slides.pdf").path])
        XCTAssertTrue(info.stdout.contains("Pages:           3"), info.stdout + info.stderr)
        let images = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/pdfimages"), ["-list", full.appendingPathComponent("slides.pdf").path])
        XCTAssertEqual(images.stdout.split(separator: "\n").filter { $0.contains(" jpeg ") }.count, 3, images.stdout)

        // The page in a real browser: every image loads, nothing on the console.
        let page = try Chromium.load(full.appendingPathComponent("index.html"))
        XCTAssertTrue(page.dom.contains("data-images-loaded=\"3\""), page.dom)
        XCTAssertTrue(page.dom.contains("data-images-failed=\"0\""), page.dom)
        XCTAssertEqual(page.console, [])

        // The interrupted archiver finished its files and released its token.
        let partial = try slidesJSON(interrupted)["slides"] as? [[String: Any]] ?? []
        XCTAssertEqual(partial.count, 2)
        XCTAssertEqual(partial.map { $0["width"] as? Int }, [1280, 1280], "--high fetches presentation_high.jpeg")
        let partialPDF = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/pdfinfo"), [interrupted.appendingPathComponent("slides.pdf").path])
        XCTAssertTrue(partialPDF.stdout.contains("Pages:           2"), partialPDF.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: interrupted.appendingPathComponent("index.html").path))
        XCTAssertTrue(stopped.stderr.contains("interrupted: 2 slides"), stopped.stderr)

        // --duration: exit 0, an index saying no slides were shown, no PDF (it would have no page).
        XCTAssertEqual(timed.wait(timeout: 30), 0, timed.stderr)
        XCTAssertTrue(timed.stderr.contains("--duration reached: 0 slides"), timed.stderr)
        let empty = try String(contentsOf: idle.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(empty.contains("No slides were shown."))
        XCTAssertFalse(FileManager.default.fileExists(atPath: idle.appendingPathComponent("slides.pdf").path))
        XCTAssertEqual((try slidesJSON(idle)["slides"] as? [Any])?.count, 0)
    }

    private func slidesJSON(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("slides.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func jpegs(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jpg") }.sorted()
    }

    private func waitFor(timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition()
    }
}

/// Debian's chromium, headless: the DOM after the page's load event, and the console lines it logged.
enum Chromium {
    static func load(_ page: URL) throws -> (dom: String, console: [String]) {
        let chromium = URL(fileURLWithPath: "/usr/bin/chromium")
        guard FileManager.default.isExecutableFile(atPath: chromium.path) else { throw XCTSkip("no /usr/bin/chromium") }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let result = try CommandRun.run(chromium, [
            "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
            "--virtual-time-budget=5000", "--dump-dom", page.absoluteString,
        ], timeout: 60)
        let console = result.stderr.split(separator: "\n").map(String.init).filter { $0.contains("CONSOLE") }
        return (result.stdout, console)
    }
}
