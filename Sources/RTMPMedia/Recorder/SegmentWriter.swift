import CFFmpeg
import Glibc

/// Writes a recording as a sequence of fragmented MP4 segment files in one directory.
///
/// Packets arrive with timestamps already on the continuous media timeline (µs, from
/// `TimestampNormalizer`). The writer decides where segments and parts begin (`CutRule`,
/// `PartRule`), drops what cannot begin a segment (video before its first keyframe), and reports
/// each segment's life through `onEvent`.
final class SegmentWriter {
    struct Options {
        var segmentDuration: Double = 60
        var partDuration: Double = 1
        /// File name for segment `index` (1-based).
        var fileName: (Int) -> String = { SegmentWriter.defaultFileName($0) }
        /// Index of the first segment written.
        var firstIndex = 1
    }

    let directory: String
    private let options: Options
    private let cutRule: CutRule
    private let partRule: PartRule
    private let onEvent: (SegmentEvent) -> Void

    private(set) var formats: [TrackFormat] = []
    private var segment: Segment?
    private var nextIndex: Int
    private var forceCut = false
    /// New formats wait for the next cut; meanwhile packets of tracks the current file was made
    /// for go on into it, the others are dropped.
    private var waitingForNewFormats = false
    private var pendingGap: Double?
    /// End of the last finished segment on the recording timeline, seconds.
    private var lastSegmentEnd: Double?
    /// Recording timeline minus media timeline, seconds: the offset from the origin plus gaps.
    private var timelineShift: Double = 0
    /// Per track: the packet waiting for its successor (which gives its duration).
    private var held: [HeldPacket] = []

    init(directory: String, options: Options, onEvent: @escaping (SegmentEvent) -> Void) {
        self.directory = directory
        self.options = options
        self.onEvent = onEvent
        cutRule = CutRule(segmentDuration: Int64(options.segmentDuration * 1e6))
        partRule = PartRule(partDuration: Int64(options.partDuration * 1e6), partWallDuration: options.partDuration)
        nextIndex = options.firstIndex
    }

    static func defaultFileName(_ index: Int) -> String {
        var digits = String(index)
        while digits.count < 6 { digits = "0" + digits }
        return digits + ".mp4"
    }

    /// The tracks of what follows. Takes effect at the next place a segment can start; until
    /// then, packets of tracks the current file was not made for are dropped.
    func setFormats(_ newFormats: [TrackFormat], now: Double) throws {
        try writeAllHeld(now: now)
        formats = newFormats
        while held.count < formats.count { held.append(HeldPacket()) }
        if segment != nil {
            forceCut = true
            waitingForNewFormats = true
        }
    }

    /// Media is missing before what follows (a reconnect, a jump): the next segment starts on a
    /// new file and reports the gap; the recording timeline moves on by `seconds`.
    func noteGap(seconds: Double) {
        let gap = max(0, seconds)
        pendingGap = (pendingGap ?? 0) + gap
        timelineShift += gap
        if segment != nil { forceCut = true }
    }

    /// Moves the recording timeline on without reporting a gap (the recording's offset from its
    /// origin, before the first segment).
    func shiftTimeline(by seconds: Double) {
        timelineShift += seconds
    }

    private var recordingHasVideo: Bool { formats.contains { $0.kind == .video } }

    /// Writes one packet of track `slot` (an index into `formats`); timestamps in µs.
    ///
    /// Each track holds its latest packet back until the next one arrives, so every packet goes to
    /// the muxer with its exact duration (the MP4 muxer would otherwise guess the last duration of
    /// each fragment, and its guess can overlap the next fragment). The cut is decided when a
    /// packet arrives: packets held for the old segment are written to it first.
    func write(_ packet: Packet, track slot: Int, dts: Int64, pts: Int64, now: Double) throws {
        guard slot < formats.count else { return }
        let isVideo = formats[slot].kind == .video
        let elapsed = segment.map { dts - $0.mediaStart }
        if cutRule.shouldCut(isVideo: isVideo, isKeyframe: packet.isKeyframe,
                             recordingHasVideo: recordingHasVideo,
                             segmentElapsed: waitingForNewFormats ? nil : elapsed, forced: forceCut) {
            try startSegment(at: dts, now: now)
        }
        // Nothing can start a segment yet (video before its first keyframe), or a packet from
        // before the segment's first keyframe: not recordable here.
        guard let segment, segment.accepts(formats[slot], inSlot: slot), dts >= segment.mediaStart else { return }
        if held[slot].isFull { try writeHeld(slot, duration: dts - held[slot].dts, now: now) }
        held[slot].hold(packet, dts: dts, pts: pts)
    }

    private func writeHeld(_ slot: Int, duration: Int64, now: Double) throws {
        guard let segment, held[slot].isFull else { return }
        if partRule.isDue(segment.part, nextDTS: held[slot].dts) { try flushPart(now: now) }
        let step = max(1, duration)
        held[slot].lastDuration = step
        try segment.write(held[slot].packet.pointer, track: slot, dts: held[slot].dts, pts: held[slot].pts,
                          duration: step)
        held[slot].release()
    }

    /// Writes every held packet, with its track's last duration (the next packet is unknown).
    private func writeAllHeld(now: Double) throws {
        for slot in held.indices where held[slot].isFull {
            try writeHeld(slot, duration: held[slot].lastDuration, now: now)
        }
    }

    /// Flushes a part that has waited `partDuration` of wall-clock time (the stream stalled).
    func tick(now: Double) throws {
        if let segment, partRule.isDueByClock(segment.part, now: now) { try flushPart(now: now) }
    }

    /// Finishes the current segment with its trailer.
    func finish(now: Double) throws {
        try writeAllHeld(now: now)
        try closeSegment(now: now)
    }

    private func flushPart(now: Double) throws {
        guard let segment else { return }
        let wasOnDisk = segment.isOnDisk
        guard try segment.flushPart(now: now) else { return }
        onEvent(wasOnDisk ? .updated(segment.report(complete: false)) : .created(segment.report(complete: false)))
    }

    private func closeSegment(now: Double) throws {
        guard let current = segment else { return }
        segment = nil
        let wasOnDisk = current.isOnDisk
        try current.finish(now: now)
        guard current.packetCount > 0 else { return }
        lastSegmentEnd = current.timelineStart + Double(current.mediaEnd - current.mediaStart) / 1e6
        if !wasOnDisk { onEvent(.created(current.report(complete: false))) }
        onEvent(.finished(current.report(complete: true)))
    }

    private func startSegment(at dts: Int64, now: Double) throws {
        try writeAllHeld(now: now)
        try closeSegment(now: now)
        forceCut = false
        waitingForNewFormats = false
        let index = nextIndex
        nextIndex += 1
        let start = Double(dts) / 1e6 + timelineShift
        // The hole before this segment on the recording timeline: the gap noted (a reconnect, a
        // jump) plus any media that could not begin a segment (audio before the first keyframe).
        var gapBefore: Double?
        if let end = lastSegmentEnd, pendingGap != nil || start - end > 0.1 { gapBefore = max(0, start - end) }
        segment = try Segment(index: index, directory: directory, fileName: options.fileName(index),
                              formats: formats, mediaStart: dts, timelineStart: start,
                              gapBefore: gapBefore, now: now)
        pendingGap = nil
    }
}

/// A track's latest packet, kept until the next one gives its duration. The Packet is allocated
/// once per track and reused (references moved in and out, no copies).
struct HeldPacket {
    let packet = Packet()
    var dts: Int64 = 0
    var pts: Int64 = 0
    var isFull = false
    /// Duration of the track's previous packet: the estimate for a packet with no successor.
    var lastDuration: Int64 = 1

    mutating func hold(_ source: Packet, dts: Int64, pts: Int64) {
        source.move(to: packet)
        self.dts = dts
        self.pts = pts
        isFull = true
    }

    mutating func release() {
        packet.unref()
        isFull = false
    }
}
