import Foundation

extension PexipSession {
    /// The conference's events, using this session's token; a `refresh_token` event triggers
    /// ``refreshNow()``.
    public nonisolated func eventStream(options: EventStreamOptions = EventStreamOptions()) -> EventStream {
        EventStream(client: client, options: options, clock: clock, log: log,
                    onRefreshRequested: { [weak self] in await self?.refreshNow() })
    }
}
