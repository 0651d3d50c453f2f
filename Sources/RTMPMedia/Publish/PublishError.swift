import Glibc

/// Why a file cannot be published, in words a user can act on. Found while opening and probing
/// the file, before anything connects or joins.
public enum PublishError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No file at that path.
    case fileNotFound(path: String)
    /// The file exists but cannot be opened (permissions, a directory...).
    case unreadable(path: String, reason: String)
    /// FFmpeg cannot make sense of it: not a media file, truncated or corrupt.
    case notMedia(path: String, reason: String)
    /// A media file with neither a video nor an audio stream FFmpeg can decode.
    case noStreams(path: String)
    /// `--start-at` beyond the end of the file.
    case startBeyondEnd(startAt: Double, duration: Double)
    /// An option that cannot be honoured for this file.
    case invalidOption(String)

    public var description: String {
        switch self {
        case .fileNotFound(let path): "\(path): no such file"
        case let .unreadable(path, reason): "\(path): cannot read it (\(reason))"
        case let .notMedia(path, reason): "\(path): not a media file FFmpeg can read, or corrupt (\(reason))"
        case .noStreams(let path): "\(path): has no video or audio stream that can be decoded"
        case let .startBeyondEnd(startAt, duration):
            "start point \(formatSeconds(startAt)) is past the end of the file (\(formatSeconds(duration)))"
        case .invalidOption(let why): why
        }
    }

    /// Checks the path with the OS first, so a missing or unreadable file gets its own message.
    static func checkReadable(_ path: String) throws(PublishError) {
        var info = stat()
        if stat(path, &info) != 0 {
            let err = errno
            if err == ENOENT || err == ENOTDIR { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(err)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(path: path, reason: "it is a directory") }
        if access(path, R_OK) != 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        if info.st_size == 0 { throw .notMedia(path: path, reason: "the file is empty") }
    }
}

/// `75.5` → `1:15.5`, for messages.
func formatSeconds(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "?" }
    let tenths = Int((seconds * 10).rounded())
    let (m, s, t) = (tenths / 600, (tenths / 10) % 60, tenths % 10)
    return "\(m):\(s < 10 ? "0" : "")\(s)\(t == 0 ? "" : ".\(t)")"
}
