import Foundation
import XCTest
@testable import SlideDocuments

final class SlidePDFTests: XCTestCase {
    func testJPEGInfoReadsTheFrameHeader() throws {
        let jpeg = try Tools.slide(colour: "navy", boxes: 1, size: "640x360",
                                   file: Tools.folder.appendingPathComponent("info.jpg"))
        XCTAssertEqual(JPEGInfo(jpeg), JPEGInfo(width: 640, height: 360, components: 3))
        XCTAssertNil(JPEGInfo(Array("GIF89a......".utf8)))
        XCTAssertNil(JPEGInfo(Array(jpeg.prefix(20))), "a JPEG cut before its frame header has no size")
    }

    func testEveryPageEmbedsTheOriginalJPEGUnchanged() throws {
        let folder = Tools.folder.appendingPathComponent("pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let slides = [
            try Tools.slide(colour: "navy", boxes: 1, file: folder.appendingPathComponent("a.jpg")),
            try Tools.slide(colour: "darkred", boxes: 2, size: "640x360", file: folder.appendingPathComponent("b.jpg")),
            try Tools.slide(colour: "darkgreen", boxes: 3, file: folder.appendingPathComponent("c.jpg")),
        ]
        let pdf = folder.appendingPathComponent("slides.pdf")
        try SlidePDF.write(slides: slides, title: "Weekly <sync>", to: pdf.path)

        let info = try Tools.run("/usr/bin/pdfinfo", [pdf.path])
        XCTAssertEqual(info.status, 0, info.errors)
        XCTAssertTrue(info.output.contains("Pages:           3"), info.output)
        XCTAssertTrue(info.output.contains("Weekly <sync>"), info.output)

        let list = try Tools.run("/usr/bin/pdfimages", ["-list", pdf.path])
        let rows = list.output.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        XCTAssertEqual(rows.count, 3, list.output)
        XCTAssertEqual(rows.map { String($0[2]) }, ["image", "image", "image"], list.output)
        XCTAssertEqual(rows.map { "\($0[3])x\($0[4])" }, ["1280x720", "640x360", "1280x720"], list.output)
        XCTAssertEqual(rows.map { String($0[8]) }, ["jpeg", "jpeg", "jpeg"], "embedded as DCT, not re-encoded: \(list.output)")

        // pdfimages -j writes DCT streams out as they are stored: they must be our bytes.
        let prefix = folder.appendingPathComponent("extracted").path
        XCTAssertEqual(try Tools.run("/usr/bin/pdfimages", ["-j", pdf.path, prefix]).status, 0)
        for (index, original) in slides.enumerated() {
            let extracted = try Data(contentsOf: URL(fileURLWithPath: prefix + "-00\(index).jpg"))
            XCTAssertEqual([UInt8](extracted), original, "page \(index + 1) holds the original JPEG")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testRefusesNonJPEGAndEmptyInputWithoutLeavingAFile() throws {
        let folder = Tools.folder.appendingPathComponent("bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pdf = folder.appendingPathComponent("slides.pdf")
        XCTAssertThrowsError(try SlidePDF.write(slides: [Array("not a jpeg".utf8)], title: "x", to: pdf.path)) {
            XCTAssertEqual($0 as? SlideDocumentError, .notJPEG(page: 1))
        }
        XCTAssertThrowsError(try SlidePDF.write(slides: [], title: "x", to: pdf.path)) {
            XCTAssertEqual($0 as? SlideDocumentError, .noSlides)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }
}
