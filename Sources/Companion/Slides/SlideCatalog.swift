import Foundation

/// `slides.json`: every kept slide with its place on the timeline.
public struct SlideCatalog: Codable, Sendable, Equatable {
    public var version = 1
    /// Wall-clock start of the timeline (ISO 8601, UTC); every `time` counts from it.
    public var startedAt: String
    /// Set once the archive is finished.
    public var endedAt: String?
    public var slides: [Slide] = []
    /// Frames that could not be fetched or read (each also logged).
    public var framesFailed = 0
    /// Frames skipped as the same slide as the one before.
    public var framesDuplicate = 0
    /// Frames replaced by a newer one before they could be fetched.
    public var framesCoalesced = 0

    public struct Slide: Codable, Sendable, Equatable {
        /// 1-based position.
        public var number: Int
        /// The image, relative to the slides folder.
        public var file: String
        /// Seconds on the timeline when the slide appeared (its `presentation_frame` event).
        public var time: Double
        /// The same moment as wall-clock time (ISO 8601, UTC).
        public var wall: String
        /// Seconds it stayed up (until the next slide, the presentation's end or the archive's
        /// end); nil while it is still showing.
        public var duration: Double?
        public var presenterName: String?
        public var presenterUUID: String?
        /// The SSE id of the `presentation_frame` event.
        public var frameID: String?
        public var width: Int
        public var height: Int
        public var bytes: Int

        enum CodingKeys: String, CodingKey {
            case number, file, time, wall, duration, width, height, bytes
            case presenterName = "presenter_name"
            case presenterUUID = "presenter_uuid"
            case frameID = "frame_id"
        }
    }

    enum CodingKeys: String, CodingKey {
        case version, slides
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case framesFailed = "frames_failed"
        case framesDuplicate = "frames_duplicate"
        case framesCoalesced = "frames_coalesced"
    }

    /// Pretty, sorted JSON, ready for ``AtomicFile``.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
