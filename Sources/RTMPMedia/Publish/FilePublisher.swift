import Synchronization

/// Publishes a media file over RTMP in real time, the way `ffmpeg -re … -f flv` would, but
/// with whole-tag writes, a send timeout, clean stops and a progress snapshot.
///
///     let publisher = try FilePublisher(path: "talk.mp4", options: .init(loop: .times(2)))
///     print(publisher.probe.summary)            // what will pass through, what is re-encoded
///     let summary = try await publisher.publish(to: "rtmp://host/app/stream")
///
/// The initialiser opens and probes the file: a missing, unreadable, corrupt or stream-less
/// file throws a `PublishError` before anything connects. A publisher publishes once.
/// `stop()` and `progress` may be used from any thread while a publish runs.
public final class FilePublisher: @unchecked Sendable {
    // Unchecked: `input` and the pipeline are used only by the one thread that publishes (the
    // `started` flag admits a single publish); `control` is Sendable.
    public let probe: MediaProbe
    public let options: PublishOptions
    private let input: PublishInput
    private let videoPlan: StreamPlanner.VideoPlan?
    private let audioPlan: StreamPlanner.AudioPlan?
    private let control = PublishControl()
    private let started = Atomic<Bool>(false)

    public init(path: String, options: PublishOptions = PublishOptions()) throws(PublishError) {
        MediaRuntime.prepare()
        guard options.startAt >= 0, options.startAt.isFinite else {
            throw .invalidOption("the start point must be a time from the start of the file")
        }
        guard options.stillImageDuration > 0 else { throw .invalidOption("a still image needs a duration above zero") }
        if let cap = options.maxBitrateKbps, cap < 64 {
            throw .invalidOption("a bitrate cap below 64 kbit/s leaves nothing for the picture")
        }
        if case .times(let n) = options.loop, n < 1 { throw .invalidOption("the loop count must be at least 1") }
        self.options = options
        input = try PublishInput(path: path)
        let still = input.isStillImage
        if !still, let duration = input.duration, options.startAt >= duration {
            throw .startBeyondEnd(startAt: options.startAt, duration: duration)
        }
        let planner = StreamPlanner(options: options)
        var warnings: [String] = []
        var video: MediaProbe.Video?
        var audio: MediaProbe.Audio?
        var vPlan: StreamPlanner.VideoPlan?
        var aPlan: StreamPlanner.AudioPlan?
        if let source = input.videoSource {
            let (plan, warning) = planner.plan(video: source, hasAudio: input.audioIndex != nil, stillImage: still)
            vPlan = plan
            warning.map { warnings.append($0) }
            video = MediaProbe.Video(codec: source.codec, pixelFormat: source.pixelFormat, width: source.width,
                                     height: source.height, frameRate: source.frameRate, bitrateKbps: source.bitrateKbps,
                                     action: plan.action, outputWidth: plan.width, outputHeight: plan.height,
                                     outputBitrateKbps: plan.action == .passThrough ? source.bitrateKbps : plan.bitrateKbps)
        }
        if let source = input.audioSource {
            let (plan, warning) = planner.plan(audio: source, hasVideo: input.videoIndex != nil)
            aPlan = plan
            warning.map { warnings.append($0) }
            audio = MediaProbe.Audio(codec: source.codec, sampleRate: source.sampleRate, channels: source.channels,
                                     bitrateKbps: source.bitrateKbps, action: plan.action,
                                     outputSampleRate: plan.sampleRate, outputChannels: plan.channels,
                                     outputBitrateKbps: plan.action == .passThrough ? source.bitrateKbps : plan.bitrateKbps)
        }
        videoPlan = vPlan
        audioPlan = aPlan
        probe = MediaProbe(path: path, formatName: input.formatName, duration: still ? nil : input.duration,
                           video: video, audio: audio, isStillImage: still, warnings: warnings)
    }

    /// The latest progress snapshot (any thread).
    public var progress: PublishProgress { control.progress }

    /// Asks a running publish to stop between packets (a blocked write is woken); a publish
    /// not yet started will stop at once. Any thread, any number of times.
    public func stop() { control.stop() }

    /// Connects to `url` (`rtmp://host[:port]/app/stream`) and publishes, blocking the calling
    /// thread until the last play has gone out or `stop()` was called.
    public func publishOnCurrentThread(to url: String,
                                       connection options: RTMPConnection.Options = RTMPConnection.Options())
        throws -> PublishSummary {
        let pipeline = try startPipeline()
        control.update { $0.state = .connecting }
        if control.isStopped { return stoppedSummary() }
        let session: RTMPPublishSession
        do {
            session = try RTMPPublishSession(url: url, options: options)
        } catch {
            control.update { $0.state = .failed }
            throw error
        }
        let interrupt = PublishInterrupt(session)
        control.attach { interrupt.fire() }
        defer {
            control.attach(nil)
            session.close()
        }
        return try pipeline.run(to: session, name: url)
    }

    /// Publishes to any tag sink (a connection made elsewhere, a file, a test buffer), blocking.
    public func publishOnCurrentThread(to sink: FLVTagSink, name: String = "sink") throws -> PublishSummary {
        let pipeline = try startPipeline()
        if let connection = sink as? RTMPConnection {
            let handle = connection.interrupter
            control.attach { handle.interrupt() }
        }
        defer { control.attach(nil) }
        if control.isStopped { return stoppedSummary() }
        return try pipeline.run(to: sink, name: name)
    }

    private func startPipeline() throws -> PublishPipeline {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else {
            throw PublishError.invalidOption("this publisher has already published; make a new one")
        }
        return try PublishPipeline(input: input, options: options, control: control, video: videoPlan, audio: audioPlan)
    }

    private func stoppedSummary() -> PublishSummary {
        control.update { $0.state = .stopped }
        return PublishSummary(sentSeconds: 0, bytesSent: 0, packetsSent: 0, loopsCompleted: 0, stopped: true,
                              wallSeconds: 0)
    }
}

/// A Sendable handle that can only interrupt a publish session (its socket number is behind a
/// mutex inside the session).
private struct PublishInterrupt: @unchecked Sendable {
    let session: RTMPPublishSession
    init(_ session: RTMPPublishSession) { self.session = session }
    func fire() { session.interrupt() }
}
