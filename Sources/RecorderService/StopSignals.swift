import Glibc

/// SIGINT, SIGTERM and SIGHUP, taken synchronously: blocked in the calling thread (and so in
/// every thread started afterwards, which inherit the mask) and collected with `sigtimedwait`.
/// No handler runs at an arbitrary point, and the wait doubles as the job's clock. SIGUSR1, sent
/// to the waiting thread only (`wake()`), ends a wait early without meaning "stop".
struct StopSignals: @unchecked Sendable {
    static let stopSignals = [SIGINT, SIGTERM, SIGHUP]
    private var set = sigset_t()
    private let waiter: pthread_t

    /// Blocks the signals; call on the thread that will wait, before starting any other thread.
    init() {
        sigemptyset(&set)
        for number in Self.stopSignals + [SIGUSR1] { sigaddset(&set, number) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        waiter = pthread_self()
    }

    /// Waits up to `seconds` for one of the stop signals; returns its number, or nil on timeout
    /// or `wake()`.
    func wait(seconds: Double) -> Int32? {
        let clamped = max(0, seconds)
        var timeout = timespec(tv_sec: Int(clamped), tv_nsec: Int((clamped - clamped.rounded(.down)) * 1e9))
        var copy = set
        while true {
            let number = sigtimedwait(&copy, nil, &timeout)
            if number == SIGUSR1 { return nil }
            if number > 0 { return number }
            if errno == EINTR { continue }
            return nil
        }
    }

    /// Ends the waiting thread's current (or next) `wait` early. Callable from any thread.
    func wake() {
        pthread_kill(waiter, SIGUSR1)
    }
}
