import Glibc

/// Seconds on CLOCK_MONOTONIC: the clock for timeouts, back-off and the recording timeline.
public enum MonotonicClock {
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Sleeps for `seconds`, waking early when `interrupted` turns true (checked every 50 ms).
    static func sleep(_ seconds: Double, interrupted: () -> Bool) {
        let end = now() + seconds
        while !interrupted() {
            let left = end - now()
            if left <= 0 { return }
            usleep(UInt32(min(left, 0.05) * 1e6))
        }
    }
}
