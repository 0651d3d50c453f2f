import Foundation

/// What the events stream yields: events, and notices about the connection itself.
public enum EventStreamItem: Sendable, Hashable {
    /// The first connection is open (a participant sync follows).
    case connected
    /// A decoded event.
    case event(ReceivedEvent)
    /// The connection dropped or could not be opened; the next attempt follows after `delay`.
    case reconnecting(attempt: Int, delay: Duration, reason: String)
    /// A later connection is open again (a full participant sync follows).
    case reconnected
    /// The stream is over; nothing follows. `nil` when it ended normally (a `disconnect`
    /// event, or the session was released), else why it gave up.
    case ended(PexipError?)
}

/// Tuning for ``EventStream``.
public struct EventStreamOptions: Sendable, Hashable {
    /// Delay before each reconnect attempt; grows while failures continue.
    public var backoff: Backoff
    /// Give up after failing this long without a working connection.
    public var giveUpAfter: Duration
    /// A connection idle (no bytes, not even keep-alives) this long is treated as dropped.
    public var idleTimeout: TimeInterval
    /// End the stream after a `disconnect` event (the node has let this participant go).
    public var endOnDisconnectEvent: Bool

    public init(backoff: Backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(5)),
                giveUpAfter: Duration = .seconds(60), idleTimeout: TimeInterval = 120,
                endOnDisconnectEvent: Bool = true) {
        self.backoff = backoff
        self.giveUpAfter = giveUpAfter
        self.idleTimeout = idleTimeout
        self.endOnDisconnectEvent = endOnDisconnectEvent
    }
}
