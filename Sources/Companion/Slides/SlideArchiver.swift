import Foundation
import PexipClient
import RTMPMedia
import SlideDocuments

/// Archives a meeting's presentation as slides: fetches the image of each `presentation_frame`,
/// keeps each new slide once, and writes `NNNN-MMmSSs.jpg` files, `slides.json`, and at the end
/// `index.html` and `slides.pdf` into one folder.
///
/// Feed it events with ``presentationStarted(_:at:)``, ``frame(id:at:)`` and
/// ``presentationStopped(at:)``; these return at once. Downloads run on their own task: frames
/// that arrive while one is in flight replace each other (only the newest waits), so the
/// archiver never falls behind a fast presenter and never holds up the caller. End with
/// ``finish(at:)``, which waits for the last download (a few seconds at most) and writes the
/// index files.
///
/// A frame that cannot be fetched (HTTP errors, a body over the size cap) or read (truncated,
/// not a JPEG) is logged and skipped; nothing else is disturbed.
public actor SlideArchiver: SlideSink {
    public struct Options: Sendable {
        /// Frames closer than this to the previous slide (``SlideFingerprint/distance(to:)``,
        /// 0...255) are the same slide. Re-encodes and noise measure under 5; a changed line
        /// of text 40 or more.
        public var threshold = SlideArchiver.defaultThreshold
        /// Bodies larger than this are refused.
        public var maxBytes = 20 << 20
        /// The heading of `index.html` and the PDF's title.
        public var title = "Slides"
        /// The recording folder, for links from `index.html` into the recording (read from its
        /// `manifest.json` at the end); nil for no links.
        public var recordingFolder: URL?
        /// How long ``finish(at:)`` waits for a download in flight before giving up on it.
        public var finishGrace: Duration = .seconds(5)

        public init() {}
    }

    /// Fetches the image of a frame: `presentation.jpeg?id=<id>` (or `_high`) with the token in
    /// force when it is called, refusing bodies over `maxBytes`.
    public typealias Fetch = @Sendable (_ frameID: String?, _ maxBytes: Int) async throws -> Data
    /// Where the archiver's log lines go: a warning flag and one line of text.
    public typealias Log = @Sendable (_ level: LogLevel, _ message: String) -> Void

    public enum LogLevel: Sendable { case info, warning }

    public static let defaultThreshold = 12

    public nonisolated let folder: URL
    let timeline: RecordingTimeline
    let options: Options
    let fetch: Fetch
    let log: Log

    var presenter: Presenter?
    var slot = FrameSlot()
    var deduplicator: SlideDeduplicator
    var catalog: SlideCatalog
    /// Timeline times at which the screen was cleared (presentation stops).
    var stops: [Double] = []
    var finished = false
    /// Set when ``finish(at:)`` stopped waiting for a download: its result is dropped.
    var abandoned = false
    /// Wakes the downloader; ends when the archiver finishes.
    let wakeups: AsyncStream<Void>.Continuation
    let wakeupStream: AsyncStream<Void>
    /// Started with the first frame.
    var downloader: Task<Void, Never>?

    /// - Parameters:
    ///   - folder: where the slides go (created if missing).
    ///   - timeline: the clock all times are on (the recording's, when inside one).
    ///   - fetch: how to get a frame's bytes.
    /// - Throws: ``CompanionError/outputNotWritable(_:reason:)`` when the folder cannot be made.
    public init(folder: URL, timeline: RecordingTimeline, options: Options = Options(),
                fetch: @escaping Fetch, log: @escaping Log) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CompanionError.outputNotWritable(folder.path, reason: (error as NSError).localizedDescription)
        }
        self.folder = folder
        self.timeline = timeline
        self.options = options
        self.fetch = fetch
        self.log = log
        deduplicator = SlideDeduplicator(threshold: options.threshold)
        catalog = SlideCatalog(startedAt: RecordingTimeline.iso8601(timeline.startDate))
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wakeups = continuation
        wakeupStream = stream
    }

    /// The archiver of a recording: slides into `<recording>/slides/`, fetched through the
    /// recording's session, linked into the recording's `main` track.
    public init(context: SlideSinkContext, highResolution: Bool, options: Options = Options(),
                log: @escaping Log) throws {
        var options = options
        options.recordingFolder = options.recordingFolder ?? context.recordingFolder
        let client = context.client
        try self.init(folder: context.folder, timeline: context.timeline, options: options,
                      fetch: { id, maxBytes in
                          try await client.presentationFrame(id: id, highResolution: highResolution, maxBytes: maxBytes)
                      }, log: log)
    }

    deinit {
        // Lets the downloader task end when an archiver is dropped without finish(at:).
        wakeups.finish()
    }

    // MARK: events (each returns at once)

    public func presentationStarted(_ start: PresentationStart, at time: Double) {
        presenter = Presenter(name: start.presenterName, uuid: start.presenterUUID)
    }

    public func frame(id: String?, at time: Double) {
        guard !finished else { return }
        if let replaced = slot.offer(PendingFrame(id: id, time: time, presenter: presenter)) {
            log(.info, "slide frame \(replaced.id ?? "-") replaced by a newer one before it could be fetched")
        }
        if downloader == nil { startDownloader() }
        wakeups.yield()
    }

    public func presentationStopped(at time: Double) {
        presenter = nil
        stops.append(time)
        try? writeCatalog()
    }

    /// Waits for the download in flight and the frame waiting (up to ``Options/finishGrace``),
    /// closes the last slide's duration, and writes `slides.json`, `index.html` and `slides.pdf`.
    /// Safe to call more than once; nothing is fetched afterwards.
    public func finish(at time: Double) async {
        guard !finished else { return }
        finished = true
        wakeups.finish()
        if let downloader {
            let done = await Self.wait(for: downloader, upTo: options.finishGrace)
            if !done {
                log(.warning, "slide download still running after \(options.finishGrace); giving up on it")
                abandoned = true
                downloader.cancel()
                slot = FrameSlot()
            }
        }
        downloader = nil
        stops.append(time)
        catalog.endedAt = RecordingTimeline.iso8601(timeline.startDate.addingTimeInterval(time))
        do {
            try writeCatalog()
            try writeDocuments()
        } catch {
            log(.warning, "slides: \(error)")
        }
    }

    public func savedCount() -> Int { catalog.slides.count }

    /// Frames fetched and decided on so far: kept, skipped as duplicates, or failed.
    public func handledFrames() -> Int {
        catalog.slides.count + catalog.framesDuplicate + catalog.framesFailed
    }

    /// What has been archived so far (the content of `slides.json`).
    public func currentCatalog() -> SlideCatalog {
        var copy = catalog
        copy.slides = slidesWithDurations()
        copy.framesCoalesced = slot.coalesced
        return copy
    }
}
