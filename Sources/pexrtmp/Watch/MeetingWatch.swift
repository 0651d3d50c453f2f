import PexipClient

/// Feeds the session's events stream to a display until the stream ends, and says why it did.
struct MeetingWatch {
    enum End {
        /// The node sent `disconnect` (this participant was let go, or the meeting ended).
        case disconnected(reason: String?)
        /// The node no longer accepts the token: it ended this participant's session.
        case sessionEnded
        /// Ctrl-C or SIGTERM.
        case interrupted
        /// The stream ended without a reason (the session was released).
        case streamClosed
        /// The node stayed unreachable, or the token could not be kept alive.
        case failed(PexipError)

        var summary: String {
            switch self {
            case .disconnected(let reason): return "disconnected by the node: \(reason ?? "no reason given")"
            case .sessionEnded: return "the node ended this session (its token is no longer valid)"
            case .interrupted: return "stopped"
            case .streamClosed: return "the events stream ended"
            case .failed(let error): return "giving up: \(error)"
            }
        }
    }

    let session: PexipSession
    let display: any WatchDisplay

    func run() async -> End {
        var disconnectReason: String?
        var sawDisconnect = false
        for await item in session.eventStream().items() {
            display.show(item)
            switch item {
            case .event(let received):
                if case .disconnect(let reason) = received.event {
                    sawDisconnect = true
                    disconnectReason = reason
                }
            case .ended(let error):
                if sawDisconnect { return .disconnected(reason: disconnectReason) }
                switch error {
                case nil: return Task.isCancelled ? .interrupted : .streamClosed
                case .invalidToken?: return .sessionEnded
                case let error?: return .failed(error)
                }
            default:
                break
            }
        }
        return sawDisconnect ? .disconnected(reason: disconnectReason) : .interrupted
    }
}
