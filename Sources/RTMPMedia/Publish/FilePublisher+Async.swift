import Glibc

extension FilePublisher {
    /// Publishes on a thread of its own (the pipeline blocks: pacing sleeps, socket writes), so
    /// the cooperative pool is never held. Cancelling the calling task stops the publish
    /// cleanly; the summary then says `stopped`.
    public func publish(to url: String,
                        connection options: RTMPConnection.Options = RTMPConnection.Options()) async throws
        -> PublishSummary {
        try await withTaskCancellationHandler {
            try await PublishThread.run { try self.publishOnCurrentThread(to: url, connection: options) }
        } onCancel: {
            self.stop()
        }
    }
}

/// Runs blocking work on a dedicated POSIX thread and resumes the awaiting task with its result.
enum PublishThread {
    private final class Job: @unchecked Sendable {
        // Touched by the new thread only, once.
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job { continuation.resume(with: Result { try body() }) }
            let context = Unmanaged.passRetained(job).toOpaque()
            var thread = pthread_t()
            let created = pthread_create(&thread, nil, { context in
                let job = Unmanaged<Job>.fromOpaque(context!).takeRetainedValue()
                job.work()
                return nil
            }, context)
            if created != 0 {
                Unmanaged<Job>.fromOpaque(context).release()
                continuation.resume(throwing: MediaError.system(operation: "pthread_create", path: "publisher", errno: created))
            } else {
                pthread_detach(thread)
            }
        }
    }
}
