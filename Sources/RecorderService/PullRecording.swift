import RTMPMedia
import Synchronization

/// One source being recorded: its `StreamRecorder` and its folder's manifest. The recorder's
/// events arrive on the recorder's thread; the manifest is rewritten there (atomically) after
/// every segment event, so a crash leaves the last complete manifest on disk.
final class PullRecording: Sendable {
    let source: PullSource
    let folder: String
    private let log: PullLog
    private let manifest: Mutex<PullManifest>
    private let recorder = Mutex<StreamRecorder?>(nil)
    private let outcome = Mutex<RecorderOutcome?>(nil)
    private let writeWarned = Atomic<Bool>(false)
    private let connectedOnce = Atomic<Bool>(false)
    private let failure = Mutex<String?>(nil)
    private let lastWrite = Mutex<Double>(0)
    /// Seconds between manifest rewrites while a segment only grows.
    static let updateInterval = 2.0

    private let onFinished: @Sendable () -> Void

    /// `onFinished` runs on the recorder's thread once it has ended.
    init(source: PullSource, folder: String, startedAt: String, log: PullLog,
         onFinished: @escaping @Sendable () -> Void = {}) {
        self.onFinished = onFinished
        self.source = source
        self.folder = folder
        self.log = log
        manifest = Mutex(PullManifest(sources: [source.input], startedAt: startedAt, track: source.name))
    }

    /// Creates the folder, writes the first manifest (proving the folder is writable) and starts
    /// recording on the recorder's own thread.
    func start(options: RecorderOptions) throws {
        try FileWrite.createFolder(folder)
        try writeManifest(manifest.withLock { $0 })
        let recorder = StreamRecorder(source: source.isFile ? .file(source.input) : .rtmp(source.input),
                                      outputDirectory: folder, options: options) { [self] in handle($0) }
        self.recorder.withLock { $0 = recorder }
        try recorder.start()
        log.info("recording", [("source", source.input), ("folder", folder)])
        if recorder.source.isUnverifiedTLS {
            log.warning("rtmps here is encrypted but the server's certificate is not verified", [("source", source.input)])
        }
    }

    func stop() { recorder.withLock { $0 }?.stop() }

    /// True once the recorder's thread has ended.
    var isFinished: Bool { outcome.withLock { $0 != nil } }

    /// Why this source could not be recorded at all, when it could not.
    var failureReason: String? {
        if let reason = failure.withLock({ $0 }) { return reason }
        if case .failed(let why)? = outcome.withLock({ $0 }) { return why }
        return nil
    }

    /// Joins the recorder's thread and writes the final manifest.
    func finish(reason: String) -> (segments: Int, seconds: Double, outcome: RecorderOutcome) {
        let result = recorder.withLock { $0 }?.wait() ?? .stopped
        let final = manifest.withLock { manifest in
            manifest.endedAt = WallClock.iso8601()
            manifest.endReason = reason
            return manifest
        }
        try? writeManifest(final)
        return (final.segments.count, final.segments.reduce(0) { $0 + $1.duration }, result)
    }

    private func handle(_ event: RecorderEvent) {
        switch event {
        case .segment(let segmentEvent):
            let report = segmentEvent.report
            let updated = manifest.withLock { manifest in
                manifest.record(PullManifest.Segment(file: report.fileName, start: report.start,
                                                     duration: report.duration, gapBefore: report.gapBefore ?? 0,
                                                     complete: report.isComplete))
                return manifest
            }
            // A new or finished segment is written at once; a segment growing by one part is
            // rewritten at most every `updateInterval` (a file remux makes dozens a second).
            let now = MonotonicClock.now()
            var due = true
            if case .updated = segmentEvent { due = now - lastWrite.withLock { $0 } >= Self.updateInterval }
            if due {
                lastWrite.withLock { $0 = now }
                try? writeManifest(updated)
            }
            if case .finished = segmentEvent {
                log.info("segment done", [("file", report.path), ("seconds", oneDecimal(report.duration))])
            }
        case .connected:
            connectedOnce.store(true, ordering: .relaxed)
        case .disconnected(let reason):
            // A URL that cannot be connected at all (refused, unknown host, play rejected) fails
            // at once; a stream that was recording and dropped is reconnected with back-off.
            if !connectedOnce.load(ordering: .relaxed) && reason.hasPrefix("RTMP ") {
                failure.withLock { $0 = "cannot connect: \(reason)" }
                log.log(.error, "cannot connect", [("source", source.input), ("reason", reason)])
                stop()
                return
            }
            log.warning("stream dropped, reconnecting", [("source", source.input), ("reason", reason)])
        case .warning(let text):
            log.warning(text, [("source", source.input)])
        case .finished(let result):
            log.info("ended", [("source", source.input), ("outcome", Self.describe(result))])
            outcome.withLock { $0 = result }
            onFinished()
        default:
            break
        }
    }

    private func writeManifest(_ value: PullManifest) throws(FileWrite.Failure) {
        do {
            try FileWrite.atomically(value.json, to: folder + "/manifest.json")
        } catch {
            if !writeWarned.exchange(true, ordering: .relaxed) {
                log.warning("cannot write the manifest", [("reason", error.description)])
            }
            throw error
        }
    }

    static func describe(_ outcome: RecorderOutcome) -> String {
        switch outcome {
        case .stopped: "stopped"
        case .ended: "ended"
        case .failed(let why): "failed: \(why)"
        }
    }
}
