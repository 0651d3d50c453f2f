/// Puts the packets of every track on one output timeline, in microseconds from the first
/// packet, with each track's DTS strictly increasing and PTS >= DTS.
///
/// What it repairs:
/// - wrap-around of short timestamps (RTMP's 32-bit milliseconds);
/// - a jump forward beyond `gapThreshold` past the timeline's head: re-based to continue one frame
///   after the head, and reported as `.jumpedForward(gap:)`;
/// - a step backwards beyond `backwardTolerance` (a publisher restarting its clock on the same
///   connection): re-based the same way and reported as `.jumpedBackward(by:)`;
/// - repeats and small steps back: nudged one microsecond past the track's last DTS;
/// - `resume()` after a reconnect: the next packet of every track continues from the head.
///
/// Tracks stay in sync across a re-base: when several tracks jump together (their new input
/// times within the threshold of each other), they all take the first track's shift, and only
/// that first track reports the discontinuity. A track that merely pauses while others go on
/// (a frozen video, a muted microphone) is not re-based, because the head moved on with them.
public struct TimestampNormalizer: Sendable {
    public struct TimeBase: Equatable, Sendable {
        public var num: Int64, den: Int64
        public init(_ num: Int64, _ den: Int64) { self.num = num; self.den = den }
        public static let milliseconds = TimeBase(1, 1000)
        public static let microseconds = TimeBase(1, 1_000_000)
    }

    public struct Track: Sendable {
        public var timeBase: TimeBase
        /// Timestamp width in bits for wrap-around (32 for RTMP/FLV), 0 when it never wraps.
        public var wrapBits: Int
        /// Frame duration assumed until the track shows its own, in microseconds.
        public var defaultFrameDuration: Int64
        public init(timeBase: TimeBase = .milliseconds, wrapBits: Int = 32, defaultFrameDuration: Int64) {
            self.timeBase = timeBase
            self.wrapBits = wrapBits
            self.defaultFrameDuration = defaultFrameDuration
        }
        public static let flvVideo = Track(defaultFrameDuration: 40_000)
        public static let flvAudio = Track(defaultFrameDuration: 21_333)
    }

    public enum Discontinuity: Equatable, Sendable {
        /// The input skipped ahead by `gap` microseconds more than one frame; the gap was removed.
        case jumpedForward(gap: Int64)
        /// The input went back by `by` microseconds; the track continues after the head.
        case jumpedBackward(by: Int64)
        /// First packet after `resume()`.
        case resumed
    }

    public struct Output: Equatable, Sendable {
        public var dts: Int64
        public var pts: Int64
        /// Set on the packet where this normaliser re-based the timeline.
        public var discontinuity: Discontinuity?
    }

    /// A shift of the timeline that tracks jumping together share.
    private struct Rebase: Sendable {
        var id: Int
        var input: Int64
        var offset: Int64
    }

    private struct TrackState: Sendable {
        var config: Track
        var unwrapper: TimestampUnwrapper
        var offset: Int64 = 0
        var rebaseID = 0
        var lastInput: Int64?
        var lastOutput: Int64?
        var frameDuration: Int64
        var resumePending = false
    }

    public let gapThreshold: Int64
    public let backwardTolerance: Int64
    private var tracks: [TrackState] = []
    private var origin: Int64?
    private var lastRebase: Rebase?
    private var rebaseCount = 0

    /// `gapThreshold`: how far (µs) a track may run past the timeline's head before that counts
    /// as a jump. `backwardTolerance`: how far (µs) a track may step back behind its own last DTS
    /// and only be nudged forward (jitter, repeats); more than that is a discontinuity.
    public init(gapThreshold: Int64 = 3_000_000, backwardTolerance: Int64 = 500_000) {
        self.gapThreshold = gapThreshold
        self.backwardTolerance = min(backwardTolerance, gapThreshold)
    }

    /// Registers a track; returns its id for `normalize`.
    public mutating func addTrack(_ config: Track) -> Int {
        var state = TrackState(config: config, unwrapper: TimestampUnwrapper(bits: config.wrapBits),
                               frameDuration: config.defaultFrameDuration)
        if let origin { state.offset = -origin }
        if let lastRebase { state.offset = lastRebase.offset; state.rebaseID = lastRebase.id }
        state.resumePending = tracks.contains { $0.resumePending }
        tracks.append(state)
        return tracks.count - 1
    }

    /// The end of the timeline so far: the latest DTS of any track plus its frame duration.
    public var head: Int64? {
        var result: Int64?
        for t in tracks {
            if let last = t.lastOutput { result = max(result ?? Int64.min, last + t.frameDuration) }
        }
        return result
    }

    /// Call after a reconnect: the next packet of each track continues from the head, whatever its
    /// input timestamp (a new connection usually starts again at 0).
    public mutating func resume() {
        for i in tracks.indices {
            tracks[i].resumePending = true
            tracks[i].unwrapper.reset()
            tracks[i].lastInput = nil
        }
    }

    /// Maps one packet's timestamps (in the track's time base; `pts` nil when unknown, `duration`
    /// 0 when unknown) onto the output timeline, in microseconds.
    public mutating func normalize(track id: Int, dts rawDTS: Int64, pts rawPTS: Int64?, duration: Int64 = 0) -> Output {
        var t = tracks[id]
        let input = Self.rescale(t.unwrapper.unwrap(rawDTS), t.config.timeBase)
        let compositionOffset = max(0, rawPTS.map {
            Self.rescale(t.unwrapper.difference($0, rawDTS), t.config.timeBase)
        } ?? 0)
        if duration > 0 { t.frameDuration = Self.rescale(duration, t.config.timeBase) }
        if origin == nil {
            origin = input
            for i in tracks.indices { tracks[i].offset = -input }
            t.offset = -input
        }

        var discontinuity: Discontinuity?
        var dts = input + t.offset
        let head = self.head

        if t.resumePending {
            discontinuity = rebase(&t, input: input, head: head ?? dts, reason: .resumed)
            t.resumePending = false
        } else if let head, dts > head + gapThreshold {
            discontinuity = rebase(&t, input: input, head: head, reason: .jumpedForward(gap: dts - head))
        } else if let last = t.lastOutput, dts < last - backwardTolerance {
            discontinuity = rebase(&t, input: input, head: head ?? last, reason: .jumpedBackward(by: last - dts))
        }
        dts = input + t.offset
        if let last = t.lastOutput, dts <= last { dts = last + 1 }

        if duration <= 0, let lastInput = t.lastInput {
            let step = input - lastInput
            if step > 0 && step <= gapThreshold { t.frameDuration = step }
        }
        t.lastInput = input
        t.lastOutput = dts
        tracks[id] = t
        return Output(dts: dts, pts: dts + compositionOffset, discontinuity: discontinuity)
    }

    /// Shifts track `t` so that `input` lands on `head`, or joins a shift another track has just
    /// made for the same jump. Returns the discontinuity to report, nil when joining.
    private mutating func rebase(_ t: inout TrackState, input: Int64, head: Int64,
                                 reason: Discontinuity) -> Discontinuity? {
        if let shared = lastRebase, shared.id != t.rebaseID,
           abs(input - shared.input) <= gapThreshold,
           input + shared.offset > (t.lastOutput ?? Int64.min) {
            t.offset = shared.offset
            t.rebaseID = shared.id
            return nil
        }
        rebaseCount += 1
        let shift = Rebase(id: rebaseCount, input: input, offset: head - input)
        lastRebase = shift
        t.offset = shift.offset
        t.rebaseID = shift.id
        if case .jumpedForward(let past) = reason { return .jumpedForward(gap: past) }
        return reason
    }

    static func rescale(_ value: Int64, _ tb: TimeBase) -> Int64 {
        if tb == .microseconds { return value }
        if tb.num == 1 && 1_000_000 % tb.den == 0 { return value * (1_000_000 / tb.den) }
        let product = value.multipliedFullWidth(by: tb.num * 1_000_000)
        return tb.den.dividingFullWidth((product.high, product.low)).quotient
    }
}
