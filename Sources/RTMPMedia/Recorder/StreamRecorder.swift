import Glibc
import Synchronization

/// Records one stream (RTMP or file) into crash-safe fragmented MP4 segments in one directory.
///
/// Runs on its own thread: connect → discover tracks → read, normalise, write; on a drop,
/// reconnect with back-off and go on in a new segment on the same timeline. `stop()` from any
/// thread ends it cleanly (the segment in progress gets its trailer). Several recorders run side
/// by side in one process.
public final class StreamRecorder: Sendable {
    public let source: MediaSource
    public let outputDirectory: String
    public let options: RecorderOptions

    private let onEvent: @Sendable (RecorderEvent) -> Void
    private let stopFlag = Atomic<Bool>(false)
    private let interrupter = Mutex<RTMPConnection.Interrupter?>(nil)
    private let snapshot = Mutex(RecorderProgress())
    private let thread = Mutex<PThread?>(nil)
    private let outcome = Mutex<RecorderOutcome?>(nil)

    public init(source: MediaSource, outputDirectory: String, options: RecorderOptions = RecorderOptions(),
                onEvent: @escaping @Sendable (RecorderEvent) -> Void = { _ in }) {
        self.source = source
        self.outputDirectory = outputDirectory
        self.options = options
        self.onEvent = onEvent
    }

    /// Creates the output directory (throws when it cannot be written) and starts recording on a
    /// new thread.
    public func start() throws {
        MediaRuntime.prepare()
        try Directory.create(outputDirectory)
        let origin = options.timelineOrigin ?? MonotonicClock.now()
        try thread.withLock { t in
            guard t == nil else { return }
            t = try PThread(name: "pexrtmp-rec") { [self] in
                // librtmp's complaints about the read a stop interrupted are expected.
                ThreadQuiet.install { [unowned self] in isStopRequested }
                let result = RecordingLoop(recorder: self, timelineOrigin: origin).run()
                outcome.withLock { $0 = result }
                update { $0.state = .finished }
                onEvent(.finished(result))
            }
        }
    }

    /// Asks the recorder to stop: wakes a blocked read, finalises the segment. Returns at once.
    public func stop() {
        stopFlag.store(true, ordering: .sequentiallyConsistent)
        interrupter.withLock { $0?.interrupt() }
    }

    /// Blocks until the recorder has finished; returns how it ended.
    @discardableResult
    public func wait() -> RecorderOutcome {
        thread.withLock { t in
            t?.join()
            t = nil
        }
        return outcome.withLock { $0 } ?? .stopped
    }

    /// The latest progress snapshot.
    public var progress: RecorderProgress { snapshot.withLock { $0 } }

    // MARK: for RecordingLoop

    var isStopRequested: Bool { stopFlag.load(ordering: .relaxed) }

    func emit(_ event: RecorderEvent) { onEvent(event) }

    func update(_ change: (inout RecorderProgress) -> Void) { snapshot.withLock { change(&$0) } }

    func setInterrupter(_ value: RTMPConnection.Interrupter?) {
        interrupter.withLock { $0 = value }
        if value != nil && isStopRequested { value?.interrupt() }
    }
}
