import Foundation
import RTMPMedia

/// `pexrtmp pull`: records any RTMP streams (or media files) with the recording writer and no
/// Pexip signalling, all in one process: one folder per source with its segments and manifest.
public final class PullSession: Sendable {
    public struct Source: Sendable, Equatable {
        public var input: String
        /// Folder name below the output folder.
        public var name: String
        public var isFile: Bool
    }

    public struct Options: Sendable {
        public var output: String
        public var segmentSeconds: Double = 60
        public var partSeconds: Double = 1
        public var duration: Double?
        public init(output: String) { self.output = output }
    }

    public enum Notice: Sendable {
        case started(source: String, folder: String)
        case segmentFinished(source: String, file: String, duration: Double)
        case reconnecting(source: String, reason: String)
        case ended(source: String, outcome: String)
    }

    public let sources: [Source]
    public let options: Options
    private let notice: @Sendable (Notice) -> Void

    public init(inputs: [String], options: Options, notice: @escaping @Sendable (Notice) -> Void = { _ in }) {
        self.sources = Self.sources(for: inputs)
        self.options = options
        self.notice = notice
    }

    /// Folder names from stream names / file names, made path-safe and unique.
    static func sources(for inputs: [String]) -> [Source] {
        var used: Set<String> = []
        return inputs.map { input in
            let isFile = !input.contains("://")
            var base = String(input.split(separator: "/").last ?? "stream")
            if isFile, let dot = base.lastIndex(of: "."), dot != base.startIndex { base = String(base[..<dot]) }
            base = String(base.split(separator: " ").first ?? "stream")  // drop librtmp options
            var name = PathComponent.sanitize(base)
            var counter = 2
            while used.contains(name) {
                name = PathComponent.sanitize(base) + "-\(counter)"
                counter += 1
            }
            used.insert(name)
            return Source(input: input, name: name, isFile: isFile)
        }
    }

    /// Records every source until each has ended, `duration` passes, or the task is cancelled.
    /// Returns the manifests written.
    public func run() async throws -> [Manifest] {
        let start = Date()
        let origin = MonotonicClock.now()
        var recorders: [(Source, StreamRecorder, ManifestStore, Task<Void, Never>)] = []
        for source in sources {
            let folder = URL(fileURLWithPath: options.output).appendingPathComponent(source.name, isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let store = ManifestStore(
                manifest: Manifest(tool: "pexrtmp pull", sources: [source.input],
                                   startedAt: RecordingTimeline.iso8601(start)),
                file: folder.appendingPathComponent("manifest.json"))
            try await store.touch()
            var recorderOptions = RecorderOptions()
            recorderOptions.segmentDuration = options.segmentSeconds
            recorderOptions.partDuration = options.partSeconds
            recorderOptions.timelineOrigin = origin
            let (events, continuation) = AsyncStream.makeStream(of: RecorderEvent.self)
            let recorder = StreamRecorder(source: source.isFile ? .file(source.input) : .rtmp(source.input),
                                          outputDirectory: folder.path, options: recorderOptions) { event in
                continuation.yield(event)
                if case .finished = event { continuation.finish() }
            }
            let consumer = Task { [notice] in
                for await event in events {
                    await Self.apply(event, source: source, store: store, notice: notice)
                }
            }
            try recorder.start()
            notice(.started(source: source.input, folder: folder.path))
            recorders.append((source, recorder, store, consumer))
        }

        await waitUntilDone(recorders.map(\.1))
        for (_, recorder, _, consumer) in recorders {
            recorder.stop()
            await Self.join(recorder)
            await consumer.value
        }
        var manifests: [Manifest] = []
        for (_, _, store, _) in recorders {
            try? await store.finish(endedAt: RecordingTimeline.iso8601(Date()), reason: "stopped")
            manifests.append(await store.current)
        }
        return manifests
    }

    /// Returns when every recorder has finished on its own, the duration is up, or on cancellation.
    private func waitUntilDone(_ recorders: [StreamRecorder]) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for recorder in recorders { await Self.join(recorder) }
            }
            if let duration = options.duration {
                group.addTask { try? await Task.sleep(for: .seconds(duration)) }
            }
            group.addTask {
                // Cancellation (Ctrl-C) ends this sleep at once.
                try? await Task.sleep(for: .seconds(365 * 24 * 3600))
            }
            await group.next()
            group.cancelAll()
            for recorder in recorders { recorder.stop() }
        }
    }

    /// Waits for a recorder's thread without blocking the cooperative pool.
    static func join(_ recorder: StreamRecorder) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                recorder.wait()
                continuation.resume()
            }
        }
    }

    private static func apply(_ event: RecorderEvent, source: Source, store: ManifestStore,
                              notice: @Sendable (Notice) -> Void) async {
        switch event {
        case .segment(let segmentEvent):
            let report = segmentEvent.report
            try? await store.record(segment: Manifest.Segment(file: report.fileName, start: report.start,
                                                              duration: report.duration,
                                                              gapBefore: report.gapBefore ?? 0,
                                                              complete: report.isComplete),
                                    track: source.name)
            if case .finished = segmentEvent {
                notice(.segmentFinished(source: source.input, file: report.fileName, duration: report.duration))
            }
        case .disconnected(let reason):
            notice(.reconnecting(source: source.input, reason: reason))
        case .finished(let outcome):
            notice(.ended(source: source.input, outcome: String(describing: outcome)))
        default:
            break
        }
    }
}
