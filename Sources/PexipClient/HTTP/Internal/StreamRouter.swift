import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The URLSession delegate behind ``URLSessionTransport``: for each task it resumes the caller
/// once the response head is in, then yields body chunks into that task's stream.
final class StreamRouter: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Entry {
        var head: CheckedContinuation<HTTPStream, any Error>?
        var body: AsyncThrowingStream<Data, any Error>.Continuation
        var stream: AsyncThrowingStream<Data, any Error>
    }

    private let lock = NSLock()
    private var entries: [Int: Entry] = [:]
    private let tls: TLSOptions

    init(tls: TLSOptions) {
        self.tls = tls
    }

    func register(_ task: URLSessionDataTask, head: CheckedContinuation<HTTPStream, any Error>) {
        let (stream, body) = AsyncThrowingStream.makeStream(of: Data.self, throwing: (any Error).self)
        body.onTermination = { @Sendable _ in task.cancel() }
        lock.withLock {
            entries[task.taskIdentifier] = Entry(head: head, body: body, stream: stream)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http?.allHeaderFields ?? [:] {
            headers[String(describing: key)] = String(describing: value)
        }
        let pending: (CheckedContinuation<HTTPStream, any Error>, HTTPStream)? = lock.withLock {
            guard let entry = entries[dataTask.taskIdentifier], let head = entry.head else { return nil }
            entries[dataTask.taskIdentifier]?.head = nil
            let stream = HTTPStream(status: http?.statusCode ?? 0, headers: headers, body: entry.stream)
            return (head, stream)
        }
        completionHandler(.allow)
        if let (head, stream) = pending { head.resume(returning: stream) }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let body = lock.withLock { entries[dataTask.taskIdentifier]?.body }
        body?.yield(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let entry = lock.withLock({ entries.removeValue(forKey: task.taskIdentifier) }) else { return }
        let failure = error.map(TransportFailure.describe)
        if let head = entry.head {
            head.resume(throwing: failure ?? PexipError.badResponse("no HTTP response"))
        }
        if let failure {
            entry.body.finish(throwing: failure)
        } else {
            entry.body.finish()
        }
    }

    #if canImport(Security)
    func urlSession(_ session: URLSession, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        if tls.insecureSkipVerify,
           challenge.protectionSpace.authenticationMethod == NSURLAuthenticationMethodServerTrust,
           let trust = challenge.protectionSpace.serverTrust {
            completionHandler(.useCredential, URLCredential(trust: trust))
        } else {
            completionHandler(.performDefaultHandling, nil)
        }
    }
    #endif
}
