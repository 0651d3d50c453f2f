import Companion

/// Wires the slide archiver into `record`: slides go to `<recording>/slides/`, its log lines
/// through the command's log.
enum SlideArchiving {
    static func factory(high: Bool, log: CommandLog) -> @Sendable (SlideSinkContext) throws -> SlideSink {
        { context in
            try SlideArchiver(context: context, highResolution: high) { level, message in
                log.log(level == .warning ? .warning : .info, message)
            }
        }
    }
}
