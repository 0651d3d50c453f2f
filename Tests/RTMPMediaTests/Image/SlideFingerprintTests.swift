import XCTest
@testable import RTMPMedia

final class SlideFingerprintTests: XCTestCase {
    func testIdenticalBytesHaveDistanceZero() throws {
        let jpeg = try TestSlides.jpeg(boxes: 3)
        let a = try SlideFingerprint(jpeg: jpeg)
        let b = try SlideFingerprint(jpeg: jpeg)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.distance(to: b), 0)
        XCTAssertEqual(a.width, 1280)
        XCTAssertEqual(a.height, 720)
    }

    func testReencodedNoisyAndResizedCopiesStayClose() throws {
        let original = try SlideFingerprint(jpeg: TestSlides.jpeg(boxes: 3, quality: 2))
        let lowQuality = try SlideFingerprint(jpeg: TestSlides.jpeg(boxes: 3, quality: 20))
        let noisy = try SlideFingerprint(jpeg: TestSlides.jpeg(boxes: 3, quality: 6, noise: 6))
        let small = try SlideFingerprint(jpeg: TestSlides.jpeg(boxes: 3, quality: 3, size: "640x360"))
        for (label, copy) in [("quality 20", lowQuality), ("noise", noisy), ("640x360", small)] {
            let distance = original.distance(to: copy)
            XCTAssertGreaterThan(distance, 0, "\(label): a re-encode is not byte-identical")
            XCTAssertLessThan(distance, SlideFingerprintTests.defaultThreshold, "\(label) should count as the same slide")
        }
        XCTAssertEqual(small.width, 640)
    }

    func testDifferentSlidesAreFarApartEvenWhenOnlyOneBoxChanged() throws {
        let three = try SlideFingerprint(jpeg: TestSlides.jpeg(boxes: 3))
        let four = try SlideFingerprint(jpeg: TestSlides.jpeg(boxes: 4))
        let otherColour = try SlideFingerprint(jpeg: TestSlides.jpeg(colour: "darkgreen", boxes: 3))
        XCTAssertGreaterThan(three.distance(to: four), 3 * SlideFingerprintTests.defaultThreshold)
        XCTAssertGreaterThan(three.distance(to: otherColour), SlideFingerprintTests.defaultThreshold)
        XCTAssertLessThan(three.meanDifference(to: four), 10, "one box is a small part of the slide")
        XCTAssertEqual(three.distance(to: four), four.distance(to: three))
    }

    func testBadDataIsRefusedWithTheRightError() throws {
        let jpeg = try TestSlides.jpeg(boxes: 2)
        XCTAssertThrowsError(try SlideFingerprint(jpeg: [])) { XCTAssertEqual($0 as? ImageError, .empty) }
        let html = Array("<html><body>Forbidden</body></html>".utf8)
        XCTAssertThrowsError(try SlideFingerprint(jpeg: html)) { XCTAssertEqual($0 as? ImageError, .notJPEG) }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        XCTAssertThrowsError(try SlideFingerprint(jpeg: png)) { XCTAssertEqual($0 as? ImageError, .notJPEG) }
        let half = Array(jpeg.prefix(jpeg.count / 2))
        XCTAssertThrowsError(try SlideFingerprint(jpeg: half)) { XCTAssertEqual($0 as? ImageError, .truncated) }
        // A header and an end marker with garbage between them gets past the cheap check and
        // must be refused by the decoder itself.
        let garbage: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0x42, count: 200) + [0xFF, 0xD9]
        XCTAssertThrowsError(try SlideFingerprint(jpeg: garbage)) { error in
            guard case .undecodable = error as? ImageError else { return XCTFail("got \(error)") }
        }
        // Trailing padding after the end marker is accepted.
        XCTAssertNoThrow(try SlideFingerprint(jpeg: jpeg + [0, 0, 0x0A]))
    }

    func testGrayImageKeepsBrightnessLayout() throws {
        // A navy slide with white boxes along the bottom: the bottom rows are brighter on average.
        let image = try JPEGDecoder.gray(TestSlides.jpeg(boxes: 8), width: 16, height: 16)
        XCTAssertEqual(image.pixels.count, 256)
        let top = image.pixels[16..<32].map(Int.init).reduce(0, +)
        let bottom = image.pixels[(13 * 16)..<(14 * 16)].map(Int.init).reduce(0, +)
        XCTAssertGreaterThan(bottom, top)
    }

    /// The archiver's default near-duplicate threshold (kept in step with `SlideArchiver`).
    static let defaultThreshold = 12
}
