import PexipClient

/// Where `pexrtmp watch` sends what the events stream brings.
protocol WatchDisplay: AnyObject {
    func show(_ item: EventStreamItem)
    /// The watch is over; `reason` says why, for a last line.
    func finish(reason: String)
}
