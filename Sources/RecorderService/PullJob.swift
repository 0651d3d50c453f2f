import Glibc
import RTMPMedia

/// The `pull` job: every source recorded side by side in this process, each by its own
/// `StreamRecorder` thread into `<out>/<name>/`. The calling thread only waits: for every
/// recorder to end, for `--duration`, or for a stop signal; then it stops the recorders (each
/// finalises its segment), joins them and writes the final manifests.
struct PullJob {
    enum Ending: Equatable {
        /// Every source ended by itself (files read to the end, recorders that gave up).
        case sourcesEnded
        case duration
        case interrupted
    }

    struct Result {
        var source: PullSource
        var segments: Int
        var seconds: Double
        var outcome: RecorderOutcome
        /// Why nothing could be recorded, when a reason is known.
        var failure: String?
    }

    let arguments: PullArguments
    let log: PullLog

    /// Runs to the end. `signals` must have been created before any thread was started.
    func run(signals: StopSignals) throws(PullFailure) -> (Ending, [Result]) {
        let startedAt = WallClock.iso8601()
        let origin = MonotonicClock.now()
        var options = RecorderOptions()
        options.segmentDuration = arguments.segmentSeconds
        options.partDuration = arguments.partSeconds
        options.timelineOrigin = origin
        MediaRuntime.prepare()

        let out = arguments.output.hasSuffix("/") ? String(arguments.output.dropLast()) : arguments.output
        var recordings: [PullRecording] = []
        for source in PullSource.sources(for: arguments.inputs) {
            let recording = PullRecording(source: source, folder: out + "/" + source.name, startedAt: startedAt, log: log,
                                          onFinished: { signals.wake() })
            do {
                try recording.start(options: options)
            } catch {
                recordings.forEach { $0.stop() }
                _ = recordings.map { $0.finish(reason: "failed") }
                throw PullFailure("cannot record into \(recording.folder): \(error)")
            }
            recordings.append(recording)
        }

        let ending = waitForEnd(recordings, origin: origin, signals: signals)
        recordings.forEach { $0.stop() }
        // Finalising takes a moment; a second signal meanwhile exits at once.
        while !recordings.allSatisfy(\.isFinished) {
            if signals.wait(seconds: 1) != nil {
                PullLog.write("pexrtmp: interrupted again, exiting now\n", to: 2)
                exit(130)
            }
        }
        let reason = ending == .sourcesEnded ? "ended" : "stopped"
        let results = recordings.map { recording in
            let done = recording.finish(reason: reason)
            return Result(source: recording.source, segments: done.segments, seconds: done.seconds,
                          outcome: done.outcome, failure: recording.failureReason)
        }
        return (ending, results)
    }

    private func waitForEnd(_ recordings: [PullRecording], origin: Double, signals: StopSignals) -> Ending {
        while true {
            if recordings.allSatisfy(\.isFinished) { return .sourcesEnded }
            // Signals, and recorders finishing (`wake()`), end the wait at once.
            var slice = 1.0
            if let duration = arguments.duration {
                let left = duration - (MonotonicClock.now() - origin)
                if left <= 0 { return .duration }
                slice = min(slice, left)
            }
            if let number = signals.wait(seconds: slice) {
                log.info("stopping", [("signal", Self.signalName(number))])
                return .interrupted
            }
        }
    }

    private static func signalName(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }
}

/// A failure that ends `pexrtmp pull` with one line and exit status 1.
struct PullFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
