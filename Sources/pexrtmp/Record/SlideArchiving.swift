import Companion

/// Wires the slide archiver into `record` (nil until slides are available).
enum SlideArchiving {
    static func factory(high: Bool) -> (@Sendable (SlideSinkContext) throws -> SlideSink)? {
        nil
    }
}
