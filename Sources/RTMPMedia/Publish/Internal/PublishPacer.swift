/// Real-time pacing the way `ffmpeg -re` does it: a packet may go once its DTS, counted from
/// the first packet, is not ahead of the monotonic clock counted from when that packet went.
/// Deadlines are absolute from the start, so sleeping late never accumulates into drift; a
/// late sender catches up at once instead of slipping.
struct PublishPacer {
    private let now: () -> Double
    private(set) var startClock: Double?
    private(set) var startDts: Int64 = 0

    init(clock: @escaping () -> Double = MonotonicClock.now) { now = clock }

    /// Clock time (seconds) at which a packet with `dts` microseconds is due. The first call
    /// anchors the timeline to the clock.
    mutating func deadline(forDts dts: Int64) -> Double {
        guard let startClock else {
            let t = now()
            startClock = t
            startDts = dts
            return t
        }
        return startClock + Double(dts - startDts) / 1_000_000
    }

    /// How far behind (positive) or ahead (negative) the clock the packet would go now.
    func lateness(forDts dts: Int64) -> Double {
        guard let startClock else { return 0 }
        return now() - (startClock + Double(dts - startDts) / 1_000_000)
    }
}
