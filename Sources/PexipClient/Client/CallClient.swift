import Foundation

/// Call functions: `…/participants/<uuid>/calls/<call_uuid>/<request>`.
public struct CallClient: Sendable {
    public let participant: ParticipantClient
    public let callUUID: String

    private var path: [String] { participant.path + ["calls", callUUID] }

    /// `POST ack`: starts media (WebRTC calls only). The answer is empty.
    public func ack() async throws {
        let request = try await participant.conference.makeRequest(.post, path + ["ack"], token: .current)
        _ = try await participant.conference.perform(request)
    }

    /// `POST disconnect`: ends this call element.
    @discardableResult
    public func disconnect() async throws -> Bool {
        try await participant.conference.post(path + ["disconnect"])
    }

    /// `POST dtmf` `{"digits": …}`.
    @discardableResult
    public func dtmf(_ digits: String) async throws -> Bool {
        try await participant.conference.post(path + ["dtmf"], body: DTMFRequest(digits: digits))
    }
}
