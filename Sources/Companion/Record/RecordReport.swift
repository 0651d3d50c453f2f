/// What a recording tells its user while it runs: notices worth a log line, and a progress
/// snapshot once a second.
public enum RecordNotice: Sendable, Equatable {
    case started(folder: String, callUUID: String, mainURL: String)
    case unverifiedRTMPS
    case trackStarted(track: String)
    case segmentFinished(track: String, file: String, duration: Double)
    case trackReconnecting(track: String, reason: String)
    case gap(track: String, seconds: Double)
    case presentationStarted(presenter: String?)
    case presentationStopped
    case slideSaved(file: String)
    case journal(event: String, fields: [String: String])
    case eventsReconnecting(reason: String)
    case warning(String)
    case stopping(reason: StopReason)
}

/// Why a recording stopped.
public enum StopReason: Sendable, Equatable, CustomStringConvertible {
    case meetingEnded(String?)
    case everyoneLeft
    case durationReached
    case interrupted
    case eventsLost(String)
    case mediaFailed(String)

    public var description: String {
        switch self {
        case .meetingEnded(let reason): return "the meeting ended" + (reason.map { " (\($0))" } ?? "")
        case .everyoneLeft: return "everyone else left"
        case .durationReached: return "--duration reached"
        case .interrupted: return "interrupted"
        case .eventsLost(let reason): return "lost the events stream: \(reason)"
        case .mediaFailed(let reason): return "recording failed: \(reason)"
        }
    }

    /// A clean end (the job is done) rather than a failure.
    public var isClean: Bool {
        switch self {
        case .eventsLost, .mediaFailed: return false
        default: return true
        }
    }
}

public struct RecordProgress: Sendable, Equatable {
    public var elapsed: Double
    public var bitsPerSecondIn: Double
    public var bytesIn: Int64
    public var segments: Int
    public var slides: Int
    public var participants: Int
    public var presenting: Bool
}

public struct RecordSummary: Sendable {
    public var folder: String
    public var reason: StopReason
    public var elapsed: Double
    public var segments: [String: Int]
    public var recordedSeconds: [String: Double]
    public var gaps: Int
    public var slides: Int
    public var bytesIn: Int64
}

/// Receives notices and progress; the CLI renders them.
public struct RecordReporter: Sendable {
    public var notice: @Sendable (RecordNotice) -> Void
    public var progress: @Sendable (RecordProgress) -> Void

    public init(notice: @escaping @Sendable (RecordNotice) -> Void,
                progress: @escaping @Sendable (RecordProgress) -> Void) {
        self.notice = notice
        self.progress = progress
    }

    public static let silent = RecordReporter(notice: { _ in }, progress: { _ in })
}
