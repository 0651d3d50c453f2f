/// A recorder's state, readable from any thread through `StreamRecorder.progress`.
public enum RecorderState: Sendable, Equatable {
    case idle, connecting, recording
    case waitingToReconnect(attempt: Int, delay: Double)
    case finished
}

/// A snapshot of a recorder's progress.
public struct RecorderProgress: Sendable, Equatable {
    public var state: RecorderState = .idle
    /// Bytes received from the source, all connections together.
    public var bytesIn: Int64 = 0
    /// Packets written to segments.
    public var packets: Int64 = 0
    /// Segments on disk (created).
    public var segments = 0
    /// Input bit rate over the last second or so, bits per second.
    public var bitrate: Double = 0
    /// Media recorded, seconds (the continuous media timeline's head).
    public var mediaDuration: Double = 0
    public var reconnects = 0
    /// Total seconds of gaps.
    public var gapSeconds: Double = 0
    public var lastError: String?
}

/// What a recorder tells its owner, on the recorder's thread (keep handlers short).
public enum RecorderEvent: Sendable, Equatable {
    /// A connection (or file) is open and its tracks are known.
    case connected(tracks: [TrackDescription])
    case segment(SegmentEvent)
    /// The connection dropped or the stream ended; a reconnect follows unless stopping.
    case disconnected(reason: String)
    case reconnecting(attempt: Int, delay: Double)
    /// Media is missing for `seconds` before what follows (reported once recording resumes).
    case gap(seconds: Double)
    case warning(String)
    case finished(RecorderOutcome)
}

/// How a recording ended.
public enum RecorderOutcome: Sendable, Equatable {
    /// `stop()` was called; everything was finalised.
    case stopped
    /// The source ended (end of file; or end of stream without reconnecting).
    case ended
    /// Gave up (reconnects exhausted) or failed writing; what was written is finalised and kept.
    case failed(String)
}

/// A track as the recorder found it.
public struct TrackDescription: Sendable, Equatable {
    public var kind: TrackKind
    public var codec: String
    public var width: Int
    public var height: Int
    public var sampleRate: Int
    public var channels: Int
}
