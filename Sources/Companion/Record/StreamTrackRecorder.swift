import Foundation
import RTMPMedia

/// The real ``TrackRecorder``: an `RTMPMedia.StreamRecorder` on its own thread, its events
/// translated for the session and its origin tied to the recording's timeline.
public final class StreamTrackRecorder: TrackRecorder {
    private let recorder: StreamRecorder

    /// Makes recorders for ``RecordSession``.
    public static let factory: TrackRecorderFactory = { spec, onEvent in
        try StreamTrackRecorder(spec: spec, onEvent: onEvent)
    }

    public init(spec: TrackSpec, reconnect: ReconnectPolicy = ReconnectPolicy(),
                onEvent: @escaping @Sendable (TrackEvent) -> Void) throws {
        var options = RecorderOptions()
        options.segmentDuration = spec.segmentSeconds
        options.partDuration = spec.partSeconds
        options.reconnect = reconnect
        // The recorder counts from this monotonic reading, so its segment starts land on the
        // recording's timeline however late the track started.
        options.timelineOrigin = MonotonicClock.now() - spec.timelineOffset
        let prefix = spec.filePrefix
        options.fileName = { prefix + String(format: "%06d.mp4", $0) }
        recorder = StreamRecorder(source: .rtmp(spec.url), outputDirectory: spec.directory, options: options) { event in
            switch event {
            case .segment(let segment): onEvent(.segment(segment))
            case .connected: onEvent(.connected)
            case .disconnected(let reason): onEvent(.reconnecting(reason: reason))
            case .finished(.failed(let reason)): onEvent(.failed(reason: reason))
            case .reconnecting, .gap, .warning, .finished: break
            }
        }
    }

    public func start() throws {
        try recorder.start()
    }

    public func stop() async {
        recorder.stop()
        let recorder = self.recorder
        // wait() blocks until the trailer is written: keep it off the cooperative pool.
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                recorder.wait()
                continuation.resume()
            }
        }
    }

    public func snapshot() -> TrackSnapshot {
        let progress = recorder.progress
        return TrackSnapshot(bytesIn: progress.bytesIn, bitsPerSecond: progress.bitrate, segments: progress.segments)
    }
}
