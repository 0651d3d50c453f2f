/// A small perceptual fingerprint of a slide: the picture as a 32x32 grid of gray levels, each
/// cell the average brightness of its area of the slide.
///
/// Two frames of the same slide (a re-encode at another quality, encoder noise, the normal and
/// the high-resolution image) differ by a few levels per cell; two different slides differ by
/// tens of levels at least where the text or picture changed, even when most of the slide
/// stays the same. So the distance is the largest change of any one cell, not the average.
public struct SlideFingerprint: Sendable, Equatable {
    public static let side = 32

    /// `side * side` gray levels, row by row.
    public let cells: [UInt8]
    /// The JPEG's own size.
    public let width: Int
    public let height: Int

    public init(cells: [UInt8], width: Int, height: Int) {
        precondition(cells.count == Self.side * Self.side, "a fingerprint has \(Self.side * Self.side) cells")
        self.cells = cells
        self.width = width
        self.height = height
    }

    /// Decodes a JPEG and fingerprints it. Throws for empty, non-JPEG, truncated or damaged data.
    public init(jpeg: [UInt8]) throws(ImageError) {
        let image = try JPEGDecoder.gray(jpeg, width: Self.side, height: Self.side)
        self.init(cells: image.pixels, width: image.sourceWidth, height: image.sourceHeight)
    }

    /// The largest difference in brightness between corresponding cells, 0 (same picture) to
    /// 255 (a black cell became white). Same-slide noise stays in single digits.
    public func distance(to other: SlideFingerprint) -> Int {
        var largest = 0
        for index in cells.indices {
            largest = max(largest, abs(Int(cells[index]) - Int(other.cells[index])))
        }
        return largest
    }

    /// The average difference per cell, 0...255: how much of the slide changed, for log lines.
    public func meanDifference(to other: SlideFingerprint) -> Double {
        var total = 0
        for index in cells.indices {
            total += abs(Int(cells[index]) - Int(other.cells[index]))
        }
        return Double(total) / Double(cells.count)
    }
}
