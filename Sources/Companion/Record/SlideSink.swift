import Foundation
import PexipClient

/// Where a recording sends presentation events for slide archiving (the slide archiver).
public protocol SlideSink: Sendable {
    func presentationStarted(_ start: PresentationStart, at time: Double) async
    /// A `presentation_frame` event: `id` is its SSE id, `time` on the recording's timeline.
    func frame(id: String?, at time: Double) async
    func presentationStopped(at time: Double) async
    /// Writes the index files; nothing is fetched afterwards.
    func finish(at time: Double) async
    func savedCount() async -> Int
}

/// What a slide sink inside a recording gets to work with.
public struct SlideSinkContext: Sendable {
    /// Requests with the session's current token (presentation.jpeg).
    public var client: ConferenceClient
    /// `<recording>/slides/`.
    public var folder: URL
    public var timeline: RecordingTimeline
    /// The recording folder, for links from the slide index into the recording.
    public var recordingFolder: URL
}
