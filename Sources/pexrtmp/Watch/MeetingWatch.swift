import PexipClient

/// Feeds the session's events stream to a display until the stream ends, and says why it did.
struct MeetingWatch {
    enum End {
        /// The node sent `disconnect` (this participant was let go, or the meeting ended).
        case disconnected(reason: String?)
        /// A Host moved this participant to another conference (a `refer` event).
        case transferred(alias: String?)
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
            case .transferred(let alias): return "transferred by a Host to \(alias.map { "\"\($0)\"" } ?? "another conference")"
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
                switch received.event {
                case .disconnect(let reason):
                    sawDisconnect = true
                    disconnectReason = reason
                case .unknown("refer", let data):
                    // This tool does not follow a transfer: the watch of this conference is over.
                    let target = JSONValue(json: data)
                    let alias = target?["conference_alias"]?.stringValue ?? target?["alias"]?.stringValue
                    await leave(transferredTo: alias)
                    return .transferred(alias: alias)
                default:
                    break
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

    /// After a transfer the token belongs to the target conference; releasing it there takes
    /// this participant out instead of leaving it behind until the token expires.
    private func leave(transferredTo alias: String?) async {
        guard let alias, let token = try? await session.currentToken() else { return }
        let here = session.client
        let there = ConferenceClient(node: here.node, alias: alias, transport: here.transport)
        try? await there.releaseToken(token)
    }
}
