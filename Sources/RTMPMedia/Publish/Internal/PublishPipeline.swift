import CFFmpeg
import Glibc

/// One publish, start to end, on the calling thread: file → (pass-through | decode → convert →
/// encode) → DTS-ordered queue → pacing → FLV muxer in memory → whole tags → sink.
/// Owns every FFmpeg object it uses through the small wrappers; nothing here is shared with
/// other threads except `control`.
final class PublishPipeline {
    let input: PublishInput
    let options: PublishOptions
    let control: PublishControl
    let muxer: FLVMemoryMuxer
    let video: VideoRoute?
    let audio: AudioRoute?
    let videoPlan: StreamPlanner.VideoPlan?
    let queue: PublishPacketQueue
    let readPacket: UnsafeMutablePointer<AVPacket>

    var timeline = PublishTimeline()
    var pacer = PublishPacer()
    var meter = BitrateMeter()
    var sink: FLVTagSink?
    var sinkName = ""
    var lastVideoFrame = Int64.min
    var stillFrame: UnsafeMutablePointer<AVFrame>?
    var bytesSent: Int64 = 0
    var packetsSent = 0
    var lastSentDts: Int64 = 0
    var firstSendClock: Double?
    var lastSendClock: Double = 0

    static let microseconds = AVRational(num: 1, den: 1_000_000)

    /// Thrown inside the pipeline to unwind when a stop was requested.
    struct Stopped: Error {}

    init(input: PublishInput, options: PublishOptions, control: PublishControl,
         video: StreamPlanner.VideoPlan?, audio: StreamPlanner.AudioPlan?) throws {
        self.input = input
        self.options = options
        self.control = control
        videoPlan = video
        muxer = try FLVMemoryMuxer()
        (self.video, self.audio) = try Self.makeRoutes(input: input, muxer: muxer, video: video, audio: audio)
        let streams = Int(muxer.context.pointee.nb_streams)
        queue = PublishPacketQueue(streams: streams)
        guard let p = av_packet_alloc() else { throw MediaError.ffmpeg("av_packet_alloc", pex_averror(ENOMEM)) }
        readPacket = p
    }

    deinit {
        var p: UnsafeMutablePointer<AVPacket>? = readPacket
        av_packet_free(&p)
        var f: UnsafeMutablePointer<AVFrame>? = stillFrame
        av_frame_free(&f)
    }

    /// Publishes every play to `sink`. Returns normally when done or stopped; throws on a
    /// media or write failure.
    func run(to sink: FLVTagSink, name: String) throws -> PublishSummary {
        self.sink = sink
        sinkName = name
        control.update {
            $0.state = .publishing
            $0.duration = input.isStillImage ? options.stillImageDuration : input.duration
        }
        var stopped = false
        do {
            try muxer.writeHeader()
            try sendTags()
            var play = 0
            while options.loop.allows(play) {
                if control.isStopped { throw Stopped() }
                let played = input.isStillImage ? try playStill() : try playFile(index: play)
                if !played { break }
                play += 1
            }
            try finishEncoders()
            for s in 0..<Int(muxer.context.pointee.nb_streams) { queue.setFinished(s, true) }
            try pump(draining: true)
            try muxer.writeTrailer()
            try sendTags()
            control.update { $0.loopsCompleted = play }
        } catch is Stopped {
            stopped = true
        } catch {
            if control.isStopped {
                stopped = true
            } else {
                control.update { $0.state = .failed }
                throw error
            }
        }
        control.update { $0.state = stopped ? .stopped : .finished }
        let progress = control.progress
        return PublishSummary(sentSeconds: progress.sentSeconds, bytesSent: bytesSent, packetsSent: packetsSent,
                              loopsCompleted: progress.loopsCompleted, stopped: stopped,
                              wallSeconds: firstSendClock.map { lastSendClock - $0 } ?? 0)
    }

    // MARK: sending

    /// Sends every packet that is due, pacing each against the clock.
    func pump(draining: Bool = false) throws {
        while let entry = queue.pop(draining: draining) {
            defer { queue.recycle(entry) }
            try send(entry)
        }
    }

    private func send(_ entry: PublishPacketQueue.Entry) throws {
        try waitUntil(pacer.deadline(forDts: entry.dts))
        let lateness = max(0, pacer.lateness(forDts: entry.dts))
        try muxer.write(entry.packet, stream: entry.stream, dts: entry.dts, pts: entry.pts, duration: entry.duration)
        try sendTags()
        let now = MonotonicClock.now()
        if firstSendClock == nil { firstSendClock = now }
        lastSendClock = now
        packetsSent += 1
        lastSentDts = max(lastSentDts, entry.dts)
        let rate = meter.record(time: now, totalBytes: bytesSent)
        let sent = Double(max(lastSentDts, entry.dts + entry.duration)) / 1_000_000
        let (bytes, packets) = (bytesSent, packetsSent)
        control.update {
            $0.position = max(0, entry.position)
            $0.sentSeconds = sent
            $0.bytesSent = bytes
            $0.packetsSent = packets
            $0.lateness = lateness
            $0.loopsCompleted = entry.play
            if let rate { $0.bitrateKbps = rate }
        }
    }

    /// Hands the muxer's whole tags to the sink.
    func sendTags() throws {
        guard let sink else { return }
        try muxer.tags.drainTags { tag in
            guard let written = try control.write({ sink.writeTag(tag) }) else { throw Stopped() }
            guard written else {
                if control.isStopped { throw Stopped() }
                throw MediaError.rtmp(operation: "write (the server closed the connection or stopped taking data)",
                                      url: sinkName)
            }
            bytesSent += Int64(tag.count)
        }
    }

    /// Sleeps until the monotonic clock reaches `deadline`, in slices short enough to notice a
    /// stop request.
    private func waitUntil(_ deadline: Double) throws {
        while true {
            if control.isStopped { throw Stopped() }
            let now = MonotonicClock.now()
            if now >= deadline { return }
            let wake = min(deadline, now + 0.05)
            var ts = timespec(tv_sec: Int(wake), tv_nsec: Int((wake - Double(Int(wake))) * 1e9))
            _ = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nil)
        }
    }
}
