import CFFmpeg
import CRTMP
import Glibc
import Synchronization

/// Where librtmp's and FFmpeg's log lines go. One process-wide sink, replaceable by the layer
/// above (which may turn lines into JSON); by default lines go to standard error.
public enum MediaLog {
    public enum Level: Int, Sendable, Comparable {
        case error = 0, warning, info, debug
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    public typealias Sink = @Sendable (_ level: Level, _ source: String, _ message: String) -> Void

    private static let state = Mutex<(sink: Sink, threshold: Level)>((
        sink: { level, source, message in
            var line = "[\(source)] \(level): \(message)\n"
            line.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
        },
        threshold: .warning
    ))

    /// Replaces the sink. Lines below `threshold` are dropped before they are formatted; the
    /// libraries' own levels follow, so they do not even format what would be dropped.
    public static func setSink(threshold: Level = .warning, _ sink: @escaping Sink) {
        state.withLock { $0 = (sink: sink, threshold: threshold) }
        applyLibraryLevels(threshold)
    }

    static func applyLibraryLevels(_ threshold: Level) {
        switch threshold {
        case .error:
            av_log_set_level(AV_LOG_ERROR)
            RTMP_LogSetLevel(RTMP_LOGERROR)
        case .warning:
            av_log_set_level(AV_LOG_WARNING)
            RTMP_LogSetLevel(RTMP_LOGWARNING)
        case .info:
            av_log_set_level(AV_LOG_INFO)
            RTMP_LogSetLevel(RTMP_LOGINFO)
        case .debug:
            av_log_set_level(AV_LOG_DEBUG)
            RTMP_LogSetLevel(RTMP_LOGDEBUG)
        }
    }

    public static var threshold: Level { state.withLock { $0.threshold } }

    static func emit(_ level: Level, _ source: String, _ message: String) {
        let (sink, threshold) = state.withLock { ($0.sink, $0.threshold) }
        guard level <= threshold else { return }
        sink(level, source, message)
    }

    static func warning(_ message: String) { emit(.warning, "media", message) }
    static func info(_ message: String) { emit(.info, "media", message) }
}
