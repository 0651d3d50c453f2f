import CFFmpeg
import Glibc

/// What went wrong in the media pipeline, with FFmpeg's or the OS's own words attached.
public enum MediaError: Error, Sendable, CustomStringConvertible {
    /// An FFmpeg call failed with `code` (a negative AVERROR).
    case ffmpeg(operation: String, code: Int32, message: String)
    /// librtmp refused: connect, stream set-up, read or write.
    case rtmp(operation: String, url: String)
    /// A file-system call failed with `errno`.
    case system(operation: String, path: String, errno: Int32)
    /// The input has nothing we can record (no H.264 or AAC stream).
    case unsupportedInput(String)

    public var description: String {
        switch self {
        case let .ffmpeg(operation, code, message): "\(operation): \(message) (\(code))"
        case let .rtmp(operation, url): "RTMP \(operation) failed for \(url)"
        case let .system(operation, path, err):
            "\(operation) \(path): \(String(cString: strerror(err)))"
        case let .unsupportedInput(why): "unsupported input: \(why)"
        }
    }

    static func ffmpeg(_ operation: String, _ code: Int32) -> MediaError {
        .ffmpeg(operation: operation, code: code, message: averrorString(code))
    }
}

/// av_strerror into a fixed buffer.
func averrorString(_ code: Int32) -> String {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 128) { buffer in
        av_strerror(code, buffer.baseAddress, buffer.count)
        return String(cString: buffer.baseAddress!)
    }
}

/// Throws `MediaError.ffmpeg` when an FFmpeg call returned a negative code; returns it otherwise.
@discardableResult
func check(_ code: Int32, _ operation: @autoclosure () -> String) throws -> Int32 {
    if code < 0 { throw MediaError.ffmpeg(operation(), code) }
    return code
}
