/// `manifest.json`: every segment of a recording with its place on the recording's timeline.
public struct Manifest: Codable, Sendable, Equatable {
    public var version = 1
    public var tool: String
    /// The conference alias, for a meeting recording.
    public var conference: String?
    /// The stream URLs, for `pexrtmp pull`.
    public var sources: [String]?
    /// Wall-clock start of the timeline (ISO 8601, UTC); every `start` below counts from it.
    public var startedAt: String
    public var endedAt: String?
    public var endReason: String?
    /// Track group name (`main`, `presentation`, or a stream name for pull) → its segments.
    public var tracks: [String: Track] = [:]
    public var presentations: [Presentation] = []

    public init(tool: String, conference: String? = nil, sources: [String]? = nil, startedAt: String) {
        self.tool = tool
        self.conference = conference
        self.sources = sources
        self.startedAt = startedAt
    }

    public struct Track: Codable, Sendable, Equatable {
        public var segments: [Segment] = []
        public var gaps: [Gap] = []
    }

    public struct Segment: Codable, Sendable, Equatable {
        /// Path relative to the recording folder, e.g. `main/000001.mp4`.
        public var file: String
        /// Seconds from the timeline's start to the segment's first frame.
        public var start: Double
        public var duration: Double
        /// Seconds with no media right before this segment (a dropped connection); 0 when continuous.
        public var gapBefore: Double
        /// True once the segment's trailer is written; an unfinished segment still plays up to its last part.
        public var complete: Bool

        public init(file: String, start: Double, duration: Double, gapBefore: Double, complete: Bool) {
            self.file = file
            self.start = start
            self.duration = duration
            self.gapBefore = gapBefore
            self.complete = complete
        }

        enum CodingKeys: String, CodingKey {
            case file, start, duration, complete
            case gapBefore = "gap_before"
        }
    }

    public struct Gap: Codable, Sendable, Equatable {
        public var start: Double
        public var duration: Double
        public var reason: String
    }

    public struct Presentation: Codable, Sendable, Equatable {
        public var start: Double
        public var stop: Double?
        public var presenterName: String?
        public var presenterUUID: String?

        enum CodingKeys: String, CodingKey {
            case start, stop
            case presenterName = "presenter_name"
            case presenterUUID = "presenter_uuid"
        }
    }

    enum CodingKeys: String, CodingKey {
        case version, tool, conference, sources, tracks, presentations
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case endReason = "end_reason"
    }
}
