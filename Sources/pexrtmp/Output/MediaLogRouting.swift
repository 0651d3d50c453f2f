import RTMPMedia

/// Sends librtmp's and FFmpeg's own messages through the command's log: errors as warnings,
/// the rest only with --verbose (the libraries are chatty about harmless things).
enum MediaLogRouting {
    static func install(_ log: CommandLog) {
        MediaLog.setSink(threshold: log.verbose ? .warning : .error) { level, source, message in
            log.log(level == .error ? .warning : .debug, "[\(source)] \(message)")
        }
    }
}
