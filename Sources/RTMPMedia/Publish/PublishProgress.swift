/// A snapshot of a publish in progress, readable from any thread through
/// `FilePublisher.progress`.
public struct PublishProgress: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case opening, connecting, publishing, finished, stopped, failed
    }

    public var state: State = .opening
    /// Seconds into the file (or into the still image's play) of the last packet sent.
    public var position: Double = 0
    /// The file's duration, or the still image's play length; nil when unknown.
    public var duration: Double?
    /// Media seconds sent over all plays.
    public var sentSeconds: Double = 0
    /// Outgoing bitrate over the last few seconds, in kbit/s.
    public var bitrateKbps: Double = 0
    public var bytesSent: Int64 = 0
    public var packetsSent: Int = 0
    /// Plays finished so far.
    public var loopsCompleted: Int = 0
    /// How late the last packet went, in seconds (0 when on time): the pacing error.
    public var lateness: Double = 0

    public init() {}
}

/// What a finished publish did.
public struct PublishSummary: Sendable, Equatable {
    /// Media seconds sent over all plays.
    public var sentSeconds: Double
    public var bytesSent: Int64
    public var packetsSent: Int
    public var loopsCompleted: Int
    /// True when `stop()` ended it before the last play finished.
    public var stopped: Bool
    /// Wall-clock seconds from the first packet to the last.
    public var wallSeconds: Double
}
