/// Where a recorder reads from.
public enum MediaSource: Sendable, Equatable {
    /// An RTMP(S) URL to play (live). Dropped connections are reconnected.
    case rtmp(String)
    /// A local file (FLV or anything libavformat reads), read as fast as possible, no reconnects.
    case file(String)

    public var description: String {
        switch self {
        case .rtmp(let url): url
        case .file(let path): path
        }
    }

    /// rtmps:// goes through librtmp's GnuTLS, which sends no SNI and verifies no certificate:
    /// the connection is encrypted but not authenticated. Say so to the user.
    public var isUnverifiedTLS: Bool {
        guard case .rtmp(let url) = self else { return false }
        let lower = url.lowercased()
        return lower.hasPrefix("rtmps://") || lower.hasPrefix("rtmpts://")
    }
}

/// Back-off between reconnect attempts: `initialDelay`, doubling up to `maxDelay`; the recorder
/// gives up once it has been without a connection for `giveUpAfter` seconds.
public struct ReconnectPolicy: Sendable, Equatable {
    public var initialDelay: Double
    public var maxDelay: Double
    public var giveUpAfter: Double
    /// Whether the server ending the stream (a publisher leaving) counts as a drop to reconnect
    /// after, rather than the end of the recording.
    public var reconnectWhenStreamEnds: Bool

    public init(initialDelay: Double = 0.5, maxDelay: Double = 5, giveUpAfter: Double = 60,
                reconnectWhenStreamEnds: Bool = true) {
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.giveUpAfter = giveUpAfter
        self.reconnectWhenStreamEnds = reconnectWhenStreamEnds
    }

    /// Delay before attempt `attempt` (1-based).
    public func delay(attempt: Int) -> Double {
        var d = initialDelay
        for _ in 1..<max(1, attempt) where d < maxDelay { d *= 2 }
        return min(d, maxDelay)
    }
}

public struct RecorderOptions: Sendable {
    /// A new segment at the first video keyframe after this many seconds.
    public var segmentDuration: Double = 60
    /// A fragment reaches the disk at least this often (seconds): what a crash can lose.
    public var partDuration: Double = 1
    /// Segment file name for a 1-based index; default `000001.mp4`.
    public var fileName: @Sendable (Int) -> String = { SegmentWriter.defaultFileName($0) }
    /// Index of the first segment (continue a numbering).
    public var firstSegmentIndex = 1
    /// librtmp connection settings. The receive timeout is how long a silent connection counts
    /// as alive: long enough for sparse streams (a still presentation may send a frame every few
    /// seconds; librtmp cannot resume a timed-out read, so a timeout means a reconnect), short
    /// enough to notice a dead peer. `stop()` does not wait for it: it interrupts the read.
    /// Reads are coalesced (100 ms at most): a recording gains nothing from waking per packet.
    public var connection = RTMPConnection.Options(receiveTimeout: 10, coalesceDelay: 0.1)
    public var reconnect = ReconnectPolicy()
    /// Timestamp jumps beyond this (seconds) are re-based and reported as gaps.
    public var gapThreshold: Double = 3
    /// How much stream time to look at for tracks before writing (seconds; packets are kept).
    public var discoveryWindow: Double = 2
    /// The recording timeline's zero, a `MonotonicClock.now()` reading shared by the recorders of
    /// one recording (main, presentation). nil: the recorder's first packet is zero.
    public var timelineOrigin: Double?

    public init() {}
}
