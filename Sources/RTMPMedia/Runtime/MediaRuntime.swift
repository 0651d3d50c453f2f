import CFFmpeg
import CRTMP
import Glibc
import Synchronization

/// Process-wide set-up for the media pipeline. Call `prepare()` once before opening connections;
/// calling it again is harmless.
public enum MediaRuntime {
    private static let prepared = Mutex(false)

    /// Ignores SIGPIPE (librtmp writes to sockets without MSG_NOSIGNAL), routes librtmp's and
    /// FFmpeg's logs to `MediaLog` at warning level, and initialises librtmp's TLS context once
    /// (librtmp does that lazily in `RTMP_Init`, unguarded, which races when recorders start
    /// together on several threads).
    public static func prepare() {
        prepared.withLock { done in
            guard !done else { return }
            done = true
            signal(SIGPIPE, SIG_IGN)
            RTMP_LogSetCallback(rtmpLogCallback)
            av_log_set_callback(ffmpegLogCallback)
            MediaLog.applyLibraryLevels(MediaLog.threshold)
            if let r = RTMP_Alloc() {
                RTMP_Init(r)
                RTMP_Free(r)
            }
        }
    }

    /// Versions of the linked libraries, for `--version` and bug reports.
    public static var libraryVersions: String {
        let av = avformat_version()
        let rtmp = RTMP_LibVersion()
        return "libavformat \(av >> 16).\((av >> 8) & 0xff).\(av & 0xff), "
            + "librtmp \(rtmp >> 16).\((rtmp >> 8) & 0xff)"
    }

    /// Whether rtmps:// connections are certificate-verified. librtmp on Debian uses GnuTLS
    /// without SNI or verification, so this is false: callers offering rtmps should say so.
    public static let rtmpsIsVerified = false
}

/// Formats a C varargs log line into a fixed stack buffer.
private func formatLine(_ format: UnsafePointer<CChar>, _ args: CVaListPointer) -> String {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 1024) { buffer in
        _ = vsnprintf(buffer.baseAddress, buffer.count, format, args)
        var line = String(cString: buffer.baseAddress!)
        while line.last == "\n" || line.last == "\r" { line.removeLast() }
        return line
    }
}

private func rtmpLogCallback(_ level: Int32, _ format: UnsafePointer<CChar>?, _ args: CVaListPointer?) {
    let mapped: MediaLog.Level
    switch level {
    case Int32(RTMP_LOGCRIT.rawValue), Int32(RTMP_LOGERROR.rawValue): mapped = .error
    case Int32(RTMP_LOGWARNING.rawValue): mapped = .warning
    case Int32(RTMP_LOGINFO.rawValue): mapped = .info
    default: mapped = .debug
    }
    guard let format, let args, mapped <= MediaLog.threshold else { return }
    let level = ThreadQuiet.isQuiet ? MediaLog.Level.debug : mapped
    guard level <= MediaLog.threshold else { return }
    let line = formatLine(format, args)
    if !line.isEmpty { MediaLog.emit(level, "librtmp", line) }
}

private func ffmpegLogCallback(
    _ avcl: UnsafeMutableRawPointer?, _ level: Int32, _ format: UnsafePointer<CChar>?,
    _ args: CVaListPointer?
) {
    guard level <= av_log_get_level(), let format, let args else { return }
    let mapped: MediaLog.Level
    switch level {
    case ...AV_LOG_ERROR: mapped = .error
    case ...AV_LOG_WARNING: mapped = .warning
    case ...AV_LOG_INFO: mapped = .info
    default: mapped = .debug
    }
    guard mapped <= MediaLog.threshold else { return }
    let line = formatLine(format, args)
    if !line.isEmpty { MediaLog.emit(mapped, "ffmpeg", line) }
}
