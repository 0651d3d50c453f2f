import Foundation

/// Turns SIGINT, SIGTERM and SIGHUP (a closed terminal) into cancellation of the running command's task, so every command
/// finishes its files and releases its token on the way out. A second signal exits at once.
final class Interrupts: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var count = 0

    func install(onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGPIPE, SIG_IGN)  // librtmp writes without MSG_NOSIGNAL.
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.lock()
                self.count += 1
                let first = self.count == 1
                self.lock.unlock()
                if first {
                    onInterrupt()
                } else {
                    FileHandle.standardError.write(Data("pexrtmp: interrupted again, exiting now\n".utf8))
                    exit(ExitStatus.interrupted.rawValue)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    var interrupted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return count > 0
    }
}
