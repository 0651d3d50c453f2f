/// Undoes the wrap-around of timestamps that carry only `bits` bits (RTMP: 32-bit milliseconds,
/// which wrap after 49.7 days, or sooner when a server starts the clock high).
struct TimestampUnwrapper: Sendable {
    let bits: Int
    private var last: Int64?
    private var wraps: Int64 = 0

    /// `bits` of 0 (or 63 and more) means "never wraps".
    init(bits: Int) { self.bits = bits }

    private var period: Int64 { Int64(1) << Int64(bits) }

    mutating func unwrap(_ value: Int64) -> Int64 {
        guard bits > 0 && bits < 63 else { return value }
        let masked = value & (period - 1)
        if let last {
            let step = masked - last
            if step < -period / 2 {
                wraps += 1
            } else if step > period / 2 {
                // A late value from before the last wrap: place it there, keep the state.
                return masked + (wraps - 1) * period
            }
        }
        last = masked
        return masked + wraps * period
    }

    /// The signed difference `a - b` of two wrapped values (a composition offset, for example).
    func difference(_ a: Int64, _ b: Int64) -> Int64 {
        guard bits > 0 && bits < 63 else { return a - b }
        var d = (a - b) & (period - 1)
        if d >= period / 2 { d -= period }
        return d
    }

    mutating func reset() {
        last = nil
        wraps = 0
    }
}
