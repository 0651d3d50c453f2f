import Synchronization

/// The thread-safe side of a publish: the stop request, the connection to interrupt, and the
/// progress snapshot. Everything else belongs to the publishing thread.
final class PublishControl: Sendable {
    private let stopRequested = Atomic<Bool>(false)
    private let interrupter = Mutex<RTMPConnection.Interrupter?>(nil)
    private let snapshot = Mutex(PublishProgress())

    var isStopped: Bool { stopRequested.load(ordering: .acquiring) }

    /// Asks the publishing thread to stop between packets, and wakes a write blocked on the
    /// socket.
    func stop() {
        stopRequested.store(true, ordering: .releasing)
        interrupter.withLock { $0?.interrupt() }
    }

    func attach(_ connection: RTMPConnection?) {
        let handle = connection?.interrupter
        interrupter.withLock { $0 = handle }
        if isStopped { handle?.interrupt() }
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
