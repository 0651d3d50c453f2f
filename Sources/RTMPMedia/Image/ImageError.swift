/// Why a slide image could not be read. One line each, safe to log.
public enum ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No bytes at all.
    case empty
    /// The bytes do not start with a JPEG SOI marker (an HTML error page, a PNG...).
    case notJPEG
    /// A JPEG that stops before its end-of-image marker.
    case truncated
    /// libavcodec could not decode it (`reason` is FFmpeg's own message).
    case undecodable(String)

    public var description: String {
        switch self {
        case .empty: "empty image"
        case .notJPEG: "not a JPEG image"
        case .truncated: "truncated JPEG image (no end-of-image marker)"
        case .undecodable(let reason): "undecodable JPEG image: \(reason)"
        }
    }
}
