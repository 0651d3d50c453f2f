import Glibc

/// SIGINT, SIGTERM and SIGHUP, taken synchronously: blocked in the calling thread (and so in
/// every thread started afterwards, which inherit the mask) and collected with `sigtimedwait`.
/// No handler runs at an arbitrary point, and the wait doubles as the job's clock.
struct StopSignals {
    private var set = sigset_t()

    /// Blocks the signals; call before starting any thread.
    init() {
        sigemptyset(&set)
        for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, number) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Waits up to `seconds` for one of the signals; returns its number, or nil on timeout.
    func wait(seconds: Double) -> Int32? {
        let clamped = max(0, seconds)
        var timeout = timespec(tv_sec: Int(clamped), tv_nsec: Int((clamped - clamped.rounded(.down)) * 1e9))
        var copy = set
        while true {
            let number = sigtimedwait(&copy, nil, &timeout)
            if number > 0 { return number }
            if errno == EINTR { continue }
            return nil
        }
    }
}
