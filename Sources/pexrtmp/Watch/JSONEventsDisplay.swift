import Companion
import PexipClient

/// `watch --json` (and `watch` into a pipe): one JSON object per event per line on standard
/// output. Connection notices go to the log on standard error, so standard output stays events only.
final class JSONEventsDisplay: WatchDisplay {
    private let log: CommandLog

    init(log: CommandLog) {
        self.log = log
    }

    func show(_ item: EventStreamItem) {
        switch item {
        case .event(let received):
            Console.out(EventJSON.line(received))
        case .connected:
            log.log(.debug, "events stream connected")
        case .reconnected:
            log.info("events stream reconnected")
        case .reconnecting, .ended:
            break  // The library logs these.
        }
    }

    func finish(reason: String) {
        log.info(reason)
    }
}
