import Foundation
import PexipClient
import RTMPMedia

/// `pexrtmp inject` once the file is probed and the participant has joined: asks the node for
/// an RTMP call (present "send" for the presentation), publishes the file to the stream the
/// node names (`rtmp://host:port/pexip/<call_uuid>`), and always disconnects the call on the
/// way out: at the end of the file, on failure, and on cancellation (SIGINT). Releasing the
/// token stays with whoever joined.
///
///     let session = try InjectSession(file: "notice.mp4", options: options)   // probes: no join yet
///     let report = try await session.run(participant: client.participant(uuid))
public final class InjectSession: Sendable {
    public enum Notice: Sendable {
        /// The node answered the call request.
        case callCreated(callUUID: String, url: String)
        /// The call element was disconnected (or the attempt failed, with the reason).
        case callDisconnected(callUUID: String, error: String?)
    }

    public struct Report: Sendable {
        public var callUUID: String
        public var summary: PublishSummary
    }

    public let publisher: FilePublisher
    public let options: InjectOptions
    private let notice: @Sendable (Notice) -> Void

    /// Opens and probes the file. Throws `PublishError` (missing, unreadable, corrupt, no
    /// streams) before anything touches the node.
    public init(file: String, options: InjectOptions, notice: @escaping @Sendable (Notice) -> Void = { _ in })
        throws(PublishError) {
        publisher = try FilePublisher(path: file, options: options.publish)
        self.options = options
        self.notice = notice
    }

    /// What the file holds and what will be re-encoded.
    public var probe: MediaProbe { publisher.probe }

    /// The call request this injection makes.
    public var callRequest: CallRequest {
        .rtmp(present: options.role == .presentation ? .send : nil, bandwidth: options.publish.maxBitrateKbps)
    }

    /// Creates the RTMP call, publishes, disconnects the call. Cancellation stops the publish
    /// between packets; the call is still disconnected before this returns or throws.
    public func run(participant: ParticipantClient) async throws -> Report {
        let answer = try await participant.addCall(callRequest)
        let call = participant.call(answer.callUUID)
        do {
            let url = try publishURL(answer)
            notice(.callCreated(callUUID: answer.callUUID, url: url))
            let summary = try await publisher.publish(to: url, connection: options.connection)
            await disconnect(call)
            return Report(callUUID: answer.callUUID, summary: summary)
        } catch {
            await disconnect(call)
            throw error
        }
    }

    /// Stops a running publish (the same as cancelling `run`).
    public func stop() { publisher.stop() }

    /// The RTMP URL to publish to: the node's `url` (or `secure_url` when asked for and offered).
    func publishURL(_ answer: CallAnswer) throws -> String {
        if options.useRTMPS {
            guard let secure = answer.secureURL, !secure.isEmpty else {
                throw InjectError.noSecureURL(callUUID: answer.callUUID)
            }
            return secure
        }
        guard let url = answer.url, !url.isEmpty else {
            throw InjectError.noRTMPURL(callUUID: answer.callUUID)
        }
        return url
    }

    /// Disconnects the call element in a task of its own, so a cancelled caller still gets it
    /// done (a cancelled task's HTTP requests would fail at once).
    private func disconnect(_ call: CallClient) async {
        let notice = self.notice
        await Task {
            do {
                try await call.disconnect()
                notice(.callDisconnected(callUUID: call.callUUID, error: nil))
            } catch {
                notice(.callDisconnected(callUUID: call.callUUID, error: String(describing: error)))
            }
        }.value
    }
}

/// Inject failures that are not the file's or the network's.
public enum InjectError: Error, Sendable, CustomStringConvertible {
    case noRTMPURL(callUUID: String)
    case noSecureURL(callUUID: String)

    public var description: String {
        switch self {
        case .noRTMPURL(let uuid): "the node created call \(uuid) but named no RTMP URL to publish to (is RTMP enabled on the node?)"
        case .noSecureURL(let uuid): "--rtmps: the node offered no rtmps:// URL for call \(uuid) (it needs a TLS certificate for RTMP)"
        }
    }
}
