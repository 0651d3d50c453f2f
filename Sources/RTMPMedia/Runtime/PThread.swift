import Glibc

/// A joinable POSIX thread running one closure: the recorder's hot path needs a real thread with
/// blocking calls, not a task on the cooperative pool.
final class PThread: Sendable {
    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    private let id: pthread_t

    init(name: String, _ body: @escaping @Sendable () -> Void) throws {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var tid = pthread_t()
        let rc = pthread_create(&tid, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        guard rc == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            throw MediaError.system(operation: "pthread_create", path: name, errno: rc)
        }
        id = tid
    }

    /// Waits for the thread to end. Call once.
    func join() { pthread_join(id, nil) }
}
