import RTMPMedia

/// One RTMP stream being recorded into one track folder (`main/`, `presentation/`). The real
/// one runs `RTMPMedia.StreamRecorder` on its own thread; tests may substitute failures.
public protocol TrackRecorder: AnyObject, Sendable {
    /// Starts connecting and recording in the background.
    func start() throws
    /// Stops, finalises the open segment, and returns once everything is on disk.
    func stop() async
    /// Bytes in and the current bitrate, readable at any time.
    func snapshot() -> TrackSnapshot
}

public struct TrackSnapshot: Sendable, Equatable {
    public var bytesIn: Int64 = 0
    public var bitsPerSecond: Double = 0
    public var segments: Int = 0

    public init(bytesIn: Int64 = 0, bitsPerSecond: Double = 0, segments: Int = 0) {
        self.bytesIn = bytesIn
        self.bitsPerSecond = bitsPerSecond
        self.segments = segments
    }
}

/// What to record and where.
public struct TrackSpec: Sendable {
    /// `main` or `presentation` (the folder and manifest track name).
    public var name: String
    public var url: String
    /// Folder the segment files go into.
    public var directory: String
    /// File name prefix, so a later presentation does not reuse an earlier one's names.
    public var filePrefix: String
    /// Where this track's time 0 sits on the recording's timeline, in seconds.
    public var timelineOffset: Double
    public var segmentSeconds: Double
    public var partSeconds: Double
}

/// What a track recorder reports while it runs.
public enum TrackEvent: Sendable, Equatable {
    case segment(SegmentEvent)
    case reconnecting(reason: String)
    case connected
    case failed(reason: String)
}

public typealias TrackRecorderFactory =
    @Sendable (TrackSpec, @escaping @Sendable (TrackEvent) -> Void) throws -> any TrackRecorder
