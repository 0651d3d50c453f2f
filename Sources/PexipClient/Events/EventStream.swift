import Foundation

/// The conference's server-sent events, reconnecting when the connection drops.
///
/// Each connection asks the token source for the current token (`events?token=`), sends
/// `Last-Event-ID` once an id has been seen, and parses with ``SSEParser``. On a drop it waits
/// a growing delay (``EventStreamOptions/backoff``) and reconnects, giving up after
/// ``EventStreamOptions/giveUpAfter`` of consecutive failures; a 403 "Invalid token" ends the
/// stream at once (the session is gone). One consumer per ``items()`` call.
public struct EventStream: Sendable {
    public let client: ConferenceClient
    public let options: EventStreamOptions
    let clock: any PexipClock
    let log: LogSink?
    let onRefreshRequested: (@Sendable () async -> Void)?

    public init(client: ConferenceClient, options: EventStreamOptions = EventStreamOptions(),
                clock: any PexipClock = SystemClock(), log: LogSink? = nil,
                onRefreshRequested: (@Sendable () async -> Void)? = nil) {
        self.client = client
        self.options = options
        self.clock = clock
        self.log = log
        self.onRefreshRequested = onRefreshRequested
    }

    /// Opens the stream. Stop consuming (or cancel the consuming task) to close it.
    public func items() -> AsyncStream<EventStreamItem> {
        let (stream, continuation) = AsyncStream.makeStream(of: EventStreamItem.self)
        let task = Task {
            let end = await run { continuation.yield($0) }
            continuation.yield(.ended(end))
            continuation.finish()
        }
        continuation.onTermination = { @Sendable _ in task.cancel() }
        return stream
    }

    /// Just the events, for consumers that do not care about connection notices.
    public func events() -> AsyncStream<ReceivedEvent> {
        let items = items()
        return AsyncStream { continuation in
            let task = Task {
                for await item in items {
                    if case .event(let event) = item { continuation.yield(event) }
                }
                continuation.finish()
            }
            continuation.onTermination = { @Sendable _ in task.cancel() }
        }
    }
}
