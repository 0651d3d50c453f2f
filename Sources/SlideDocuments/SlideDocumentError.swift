/// Why a slide document could not be written. One line each.
public enum SlideDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A PDF needs at least one slide.
    case noSlides
    /// The bytes are not a baseline or progressive JPEG whose size can be read.
    case notJPEG(page: Int)
    /// cairo refused (`reason` is cairo's own status text).
    case cairo(String)
    /// The finished file could not be moved into place.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .noSlides: "no slides to put in a PDF"
        case .notJPEG(let page): "slide \(page) is not a JPEG whose size can be read"
        case .cairo(let reason): "PDF writer: \(reason)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
