import Synchronization

/// The thread-safe side of a publish: the stop request, the connection to interrupt, and the
/// progress snapshot. Everything else belongs to the publishing thread.
final class PublishControl: Sendable {
    private let stopRequested = Atomic<Bool>(false)
    private let interrupter = Mutex<(@Sendable () -> Void)?>(nil)
    private let snapshot = Mutex(PublishProgress())

    private let writing = Atomic<Bool>(false)

    var isStopped: Bool { stopRequested.load(ordering: .sequentiallyConsistent) }

    /// Asks the publishing thread to stop between packets. A write in progress (possibly
    /// blocked on a dead peer) is woken by shutting the socket down; otherwise the connection
    /// is left intact so it closes politely.
    func stop() {
        stopRequested.store(true, ordering: .sequentiallyConsistent)
        if writing.load(ordering: .sequentiallyConsistent) { interrupter.withLock { $0?() } }
    }

    /// Runs a write to the socket, unless a stop came first. The flag and the stop request are
    /// set and read in opposite orders, so either the writer sees the stop or `stop()` sees the
    /// write and interrupts it.
    func write<T>(_ body: () throws -> T) throws -> T? {
        writing.store(true, ordering: .sequentiallyConsistent)
        defer { writing.store(false, ordering: .sequentiallyConsistent) }
        if isStopped { return nil }
        return try body()
    }

    /// What wakes the publishing thread's blocked write (nil when nothing is connected).
    func attach(_ interrupt: (@Sendable () -> Void)?) {
        interrupter.withLock { $0 = interrupt }
    }

    var progress: PublishProgress { snapshot.withLock { $0 } }

    func update(_ body: (inout PublishProgress) -> Void) { snapshot.withLock { body(&$0) } }
}

/// Outgoing bitrate over a sliding window of about `window` seconds, sampled twice a second.
struct BitrateMeter {
    private var samples: [(time: Double, bytes: Int64)] = []
    private var lastSample = -Double.infinity
    let window: Double

    init(window: Double = 3) {
        self.window = window
        samples.reserveCapacity(16)
    }

    /// Records the running byte count at `time`; returns the current rate in kbit/s.
    mutating func record(time: Double, totalBytes: Int64) -> Double? {
        guard time - lastSample >= 0.5 else { return nil }
        lastSample = time
        samples.append((time, totalBytes))
        while let first = samples.first, time - first.time > window, samples.count > 2 { samples.removeFirst() }
        guard let first = samples.first, time > first.time else { return 0 }
        return Double(totalBytes - first.bytes) * 8 / 1000 / (time - first.time)
    }
}
