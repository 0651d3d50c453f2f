/// What the writer tells its owner about one segment file.
public struct SegmentReport: Sendable, Equatable {
    /// 1-based position in the recording.
    public var index: Int
    /// File name inside the output directory (e.g. `000001.mp4`).
    public var fileName: String
    /// Full path of the file.
    public var path: String
    /// Start on the recording timeline, in seconds: media time plus every gap so far (and the
    /// recording's offset from its origin). This is what a manifest lists.
    public var start: Double
    /// Start on the continuous media timeline stored in the file (first DTS), in seconds.
    public var mediaStart: Double
    /// Duration of what is in the file so far (complete parts), in seconds.
    public var duration: Double
    /// Seconds of missing media just before this segment (a reconnect or a timestamp jump);
    /// nil when it follows the previous segment without a gap.
    public var gapBefore: Double?
    /// Bytes on disk.
    public var bytes: Int64
    /// Which tracks the file has.
    public var tracks: [TrackKind]
    /// False while the segment is still being written.
    public var isComplete: Bool
}

/// The three moments of a segment's life, in order: the file appears under its final name once
/// its first part is on disk; it grows by one part at a time; the trailer closes it.
public enum SegmentEvent: Sendable, Equatable {
    case created(SegmentReport)
    case updated(SegmentReport)
    case finished(SegmentReport)

    public var report: SegmentReport {
        switch self {
        case .created(let r), .updated(let r), .finished(let r): r
        }
    }
}
