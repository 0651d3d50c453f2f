/// A `presentation_frame` event waiting to be fetched: what it is and when it was shown.
struct PendingFrame: Sendable, Equatable {
    /// The SSE id (nil: fetch whatever the node shows now).
    var id: String?
    /// Seconds on the timeline when the event arrived.
    var time: Double
    var presenter: Presenter?
}

/// The presenter named by the latest `presentation_start`.
struct Presenter: Sendable, Equatable {
    var name: String?
    var uuid: String?
}

/// The one place a frame waits for the downloader. Frames that arrive while a download is in
/// flight replace each other: only the newest waits, so a fast presenter can never build a
/// backlog, and what is fetched next is always what is on screen now.
struct FrameSlot: Sendable {
    private(set) var waiting: PendingFrame?
    /// Frames replaced before they were fetched.
    private(set) var coalesced = 0

    /// Puts `frame` in the slot; returns the frame it replaced, if any.
    @discardableResult
    mutating func offer(_ frame: PendingFrame) -> PendingFrame? {
        let replaced = waiting
        if replaced != nil { coalesced += 1 }
        waiting = frame
        return replaced
    }

    /// Empties the slot.
    mutating func take() -> PendingFrame? {
        defer { waiting = nil }
        return waiting
    }
}
