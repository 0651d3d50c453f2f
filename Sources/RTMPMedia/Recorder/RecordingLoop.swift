import CFFmpeg
import Glibc

/// The recorder's thread body: read → normalise → write, across reconnects. All state here is
/// owned by the recorder thread.
final class RecordingLoop {
    private unowned let recorder: StreamRecorder
    private let options: RecorderOptions
    private let timelineOrigin: Double
    private var writer: SegmentWriter!
    private var normalizer: TimestampNormalizer
    private var normalizerTrack: [TrackKind: Int] = [:]
    private let packet = Packet()

    // Per connection
    private var tracks = TrackMap()

    // Across connections
    private var connections = 0
    private var lastPacketWallTime: Double?
    private var bytesBeforeThisConnection: Int64 = 0
    private var packetsWritten: Int64 = 0
    private var segmentsCreated = 0
    private var gapSeconds: Double = 0
    private var rate = (time: 0.0, bytes: Int64(0), bitrate: 0.0)
    private var lastProgressUpdate = 0.0

    init(recorder: StreamRecorder, timelineOrigin: Double) {
        self.recorder = recorder
        options = recorder.options
        self.timelineOrigin = timelineOrigin
        normalizer = TimestampNormalizer(gapThreshold: Int64(options.gapThreshold * 1e6))
    }

    func run() -> RecorderOutcome {
        var writerOptions = SegmentWriter.Options()
        writerOptions.segmentDuration = options.segmentDuration
        writerOptions.partDuration = options.partDuration
        writerOptions.fileName = options.fileName
        writerOptions.firstIndex = options.firstSegmentIndex
        writer = SegmentWriter(directory: recorder.outputDirectory, options: writerOptions) { [unowned self] event in
            if case .created = event { segmentsCreated += 1 }
            recorder.emit(.segment(event))
        }
        let outcome = recordAcrossConnections()
        do {
            try writer.finish(now: MonotonicClock.now())
        } catch {
            recorder.emit(.warning("finalising the last segment: \(error)"))
            if case .failed = outcome { return outcome }
            return .failed("\(error)")
        }
        return outcome
    }

    private func recordAcrossConnections() -> RecorderOutcome {
        var attempt = 0
        var lostAt: Double?
        while !recorder.isStopRequested {
            recorder.update { $0.state = .connecting }
            let result: ConnectionResult
            do {
                result = try recordOneConnection()
                attempt = 0
                lostAt = nil
            } catch {
                if recorder.isStopRequested { return .stopped }
                if case .file = recorder.source { return .failed("\(error)") }
                result = .lost("\(error)")
            }
            switch result {
            case .stopped: return .stopped
            case .ended:
                if case .file = recorder.source { return .ended }
                if !options.reconnect.reconnectWhenStreamEnds { return .ended }
                recorder.emit(.disconnected(reason: "stream ended"))
            case .lost(let why):
                if case .file = recorder.source { return .failed(why) }
                recorder.emit(.disconnected(reason: why))
                recorder.update { $0.lastError = why }
            case .writeFailed(let why):
                return .failed(why)
            }
            // Close the segment now: its last part reaches the disk and its trailer is written,
            // rather than waiting in memory through the reconnects.
            do {
                try writer.finish(now: MonotonicClock.now())
            } catch {
                return .failed("\(error)")
            }
            let now = MonotonicClock.now()
            if lostAt == nil { lostAt = now }
            if let lostAt, now - lostAt >= options.reconnect.giveUpAfter {
                return .failed("no connection to \(recorder.source.description) for \(Int(now - lostAt)) s, giving up")
            }
            attempt += 1
            let delay = options.reconnect.delay(attempt: attempt)
            recorder.emit(.reconnecting(attempt: attempt, delay: delay))
            recorder.update { $0.state = .waitingToReconnect(attempt: attempt, delay: delay); $0.reconnects += 1 }
            MonotonicClock.sleep(delay) { recorder.isStopRequested }
        }
        return .stopped
    }

    private enum ConnectionResult {
        case stopped, ended, lost(String), writeFailed(String)
    }

    /// One connection (or the file), from connect to its end. Throws when it could not be opened.
    private func recordOneConnection() throws -> ConnectionResult {
        var connection: RTMPConnection?
        defer {
            recorder.setInterrupter(nil)
            connection?.close()
        }
        let input: FLVInput
        switch recorder.source {
        case .rtmp(let url):
            let c = try RTMPConnection(url: url, mode: .play, options: options.connection,
                                       cancelled: { recorder.isStopRequested },
                                       onSocket: { recorder.setInterrupter($0) })
            connection = c
            input = try FLVInput(connection: c) { [recorder] in recorder.isStopRequested }
        case .file(let path):
            input = try FLVInput(path: path)
        }
        defer {
            publishProgress(now: MonotonicClock.now(), bytesIn: input.bytesRead, mediaHead: normalizer.head ?? 0)
            bytesBeforeThisConnection += input.bytesRead
        }

        try adopt(try input.discoverTracks(window: options.discoveryWindow))
        // When the first packet of this connection arrived (discovery may have waited since).
        let arrived = input.firstPacketTime ?? MonotonicClock.now()
        if connections == 0 {
            writer.shiftTimeline(by: max(0, arrived - timelineOrigin))
        } else {
            normalizer.resume()
            noteGap(max(0, arrived - (lastPacketWallTime ?? arrived)))
        }
        connections += 1
        recorder.emit(.connected(tracks: tracks.descriptions))
        recorder.update { $0.state = .recording }

        while true {
            switch input.read(into: packet) {
            case .packet:
                do {
                    try handlePacket(now: MonotonicClock.now(), input: input)
                } catch {
                    return .writeFailed("\(error)")
                }
            case .end:
                if recorder.isStopRequested { return .stopped }
                return .ended
            case .failed(let why):
                if recorder.isStopRequested { return .stopped }
                return .lost(why)
            }
        }
    }

    /// Maps this connection's streams to writer slots and normaliser tracks.
    private func adopt(_ found: [InputTrack]) throws {
        tracks = TrackMap()
        for track in found { record(track) }
        try writer.setFormats(tracks.formats, now: MonotonicClock.now())
    }

    /// A stream that appeared after discovery (FLV announces streams only with their first
    /// packets): recorded from the next segment on, which starts where the new set can start.
    private func adoptLateStream(_ index: Int, of input: FLVInput, now: Double) throws {
        guard !tracks.isIgnored(index), let track = input.track(forStream: index), record(track) else { return }
        recorder.emit(.warning("a \(track.kind.rawValue) track appeared late; it starts with the next segment"))
        try writer.setFormats(tracks.formats, now: now)
        recorder.emit(.connected(tracks: tracks.descriptions))
    }

    @discardableResult
    private func record(_ track: InputTrack) -> Bool {
        guard tracks.add(track) else { return false }
        if normalizerTrack[track.kind] == nil {
            let config = TimestampNormalizer.Track(
                timeBase: .init(Int64(track.timeBase.num), Int64(track.timeBase.den)), wrapBits: track.wrapBits,
                defaultFrameDuration: track.kind == .video ? 40_000 : 21_333)
            normalizerTrack[track.kind] = normalizer.addTrack(config)
        }
        return true
    }

    private func handlePacket(now: Double, input: FLVInput) throws {
        defer { packet.unref() }
        if tracks.slot(ofStream: packet.streamIndex) == nil { try adoptLateStream(packet.streamIndex, of: input, now: now) }
        guard let slot = tracks.slot(ofStream: packet.streamIndex), let dts = packet.dts ?? packet.pts else { return }
        if let extradata = packet.newExtradata {
            try tracks.replaceExtradata(ofSlot: slot, with: extradata)
            try writer.setFormats(tracks.formats, now: now)
        }
        let out = normalizer.normalize(track: normalizerTrack[tracks.kind(ofSlot: slot)]!, dts: dts, pts: packet.pts,
                                       duration: packet.pointer.pointee.duration)
        switch out.discontinuity {
        case .jumpedForward(let gap)?:
            // The timestamps say how much is missing.
            noteGap(Double(gap) / 1e6)
        case .jumpedBackward?:
            // The source restarted on the same connection (a publisher came back): the wall
            // clock says how long nothing arrived.
            noteGap(max(0, now - (lastPacketWallTime ?? now)))
        case .resumed?, nil:
            break
        }
        try writer.write(packet, track: slot, dts: out.dts, pts: out.pts, now: now)
        try writer.tick(now: now)
        packetsWritten += 1
        lastPacketWallTime = now
        if now - lastProgressUpdate >= 0.1 { publishProgress(now: now, bytesIn: input.bytesRead, mediaHead: out.dts) }
    }

    private func noteGap(_ seconds: Double) {
        writer.noteGap(seconds: seconds)
        gapSeconds += seconds
        recorder.emit(.gap(seconds: seconds))
    }

    private func publishProgress(now: Double, bytesIn: Int64, mediaHead: Int64) {
        lastProgressUpdate = now
        let total = bytesBeforeThisConnection + bytesIn
        if now - rate.time >= 1 {
            if rate.time > 0 { rate.bitrate = Double(total - rate.bytes) * 8 / (now - rate.time) }
            rate.time = now
            rate.bytes = total
        }
        let (packets, segments, gaps, bitrate) = (packetsWritten, segmentsCreated, gapSeconds, rate.bitrate)
        recorder.update {
            $0.bytesIn = total
            $0.packets = packets
            $0.segments = segments
            $0.bitrate = bitrate
            $0.mediaDuration = Double(mediaHead) / 1e6
            $0.gapSeconds = gaps
        }
    }
}
