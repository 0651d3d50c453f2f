/// Maps each play of the file onto one output timeline in microseconds: a play starts at the
/// end of the one before it, so timestamps only grow across loops, and every play's earliest
/// packet (less any encoder priming) sits at the play's start, so nothing is negative.
struct PublishTimeline {
    /// Where the current play starts on the output timeline.
    private(set) var playStart: Int64 = 0
    /// Input time (µs) that maps to `playStart`; nil until the play's first packets are seen.
    private(set) var origin: Int64?
    /// End of everything placed so far (timestamp + duration).
    private(set) var end: Int64 = 0
    /// Plays begun so far.
    private(set) var plays = 0

    /// Starts the next play after everything placed so far.
    mutating func beginPlay() {
        playStart = end
        origin = nil
        plays += 1
    }

    /// Sets the input time that maps to the start of this play.
    mutating func anchor(inputMicroseconds: Int64) { origin = inputMicroseconds }

    /// Input microseconds to output microseconds.
    func map(_ input: Int64) -> Int64 { input - (origin ?? input) + playStart }

    /// Records that output runs at least to `outputMicroseconds`.
    mutating func extend(to outputMicroseconds: Int64) { end = max(end, outputMicroseconds) }
}
