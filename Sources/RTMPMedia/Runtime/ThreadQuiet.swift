import Glibc

/// A per-thread "expected disconnect" predicate for library log lines. When a recorder is being
/// stopped, librtmp reports the interrupted read as an error ("failed to read RTMP packet
/// header"): noise, not news. The recorder thread installs a predicate; while it holds, library
/// lines from that thread are demoted to debug.
enum ThreadQuiet {
    private final class Box {
        let isQuiet: () -> Bool
        init(_ isQuiet: @escaping () -> Bool) { self.isQuiet = isQuiet }
    }

    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k) { raw in
            if let raw { Unmanaged<Box>.fromOpaque(raw).release() }
        }
        return k
    }()

    /// Installs `isQuiet` for the calling thread (released when the thread ends).
    static func install(_ isQuiet: @escaping () -> Bool) {
        if let old = pthread_getspecific(key) { Unmanaged<Box>.fromOpaque(old).release() }
        pthread_setspecific(key, Unmanaged.passRetained(Box(isQuiet)).toOpaque())
    }

    /// Whether the calling thread asked for quiet right now.
    static var isQuiet: Bool {
        guard let raw = pthread_getspecific(key) else { return false }
        return Unmanaged<Box>.fromOpaque(raw).takeUnretainedValue().isQuiet()
    }
}
