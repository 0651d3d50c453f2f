import Foundation

/// One dispatched server-sent event, as the HTML event-stream interpretation defines it.
public struct ServerSentEvent: Sendable, Hashable {
    /// The `event:` field, `"message"` when none was given.
    public var type: String
    /// The `data:` lines joined with `\n`.
    public var data: String
    /// The last event ID in force when this event was dispatched (nil when empty).
    public var id: String?

    public init(type: String = "message", data: String, id: String? = nil) {
        self.type = type
        self.data = data
        self.id = id
    }
}
