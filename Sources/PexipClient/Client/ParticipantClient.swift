import Foundation

/// Participant functions: `…/participants/<uuid>/<request>`. Host-only unless it is yourself.
public struct ParticipantClient: Sendable {
    public let conference: ConferenceClient
    public let participantUUID: String

    var path: [String] { ["participants", participantUUID] }

    /// Operations on one call element of this participant.
    public func call(_ callUUID: String) -> CallClient {
        CallClient(participant: self, callUUID: callUUID)
    }

    /// `POST disconnect`.
    @discardableResult public func disconnect() async throws -> Bool { try await post("disconnect") }

    /// `POST mute`.
    @discardableResult public func mute() async throws -> Bool { try await post("mute") }

    /// `POST unmute`.
    @discardableResult public func unmute() async throws -> Bool { try await post("unmute") }

    /// `POST allowrxpresentation`.
    @discardableResult public func allowRxPresentation() async throws -> Bool { try await post("allowrxpresentation") }

    /// `POST denyrxpresentation`.
    @discardableResult public func denyRxPresentation() async throws -> Bool { try await post("denyrxpresentation") }

    /// `POST spotlighton`.
    @discardableResult public func spotlightOn() async throws -> Bool { try await post("spotlighton") }

    /// `POST spotlightoff`.
    @discardableResult public func spotlightOff() async throws -> Bool { try await post("spotlightoff") }

    /// `POST unlock`: admits this participant from the waiting room of a locked conference.
    @discardableResult public func unlock() async throws -> Bool { try await post("unlock") }

    /// `POST dtmf` `{"digits": …}`.
    @discardableResult
    public func dtmf(_ digits: String) async throws -> Bool {
        try await post("dtmf", body: DTMFRequest(digits: digits))
    }

    /// `POST role` `{"role": "chair"|"guest"}`.
    @discardableResult
    public func setRole(_ role: Role) async throws -> Bool {
        try await post("role", body: RoleRequest(role: role))
    }

    /// `POST transfer`: moves the participant to another conference.
    @discardableResult
    public func transfer(_ request: TransferRequest) async throws -> Bool {
        try await post("transfer", body: request)
    }

    /// `POST calls`: adds an RTMP or WebRTC call element.
    public func addCall(_ request: CallRequest) async throws -> CallAnswer {
        let http = try await conference.makeRequest(.post, path + ["calls"], body: request, token: .current)
        return try await conference.perform(http, as: CallAnswer.self)
    }

    /// `GET avatar.jpg` (with `?token=`), failing past `maxBytes`.
    public func avatar(maxBytes: Int = 2 << 20) async throws -> Data {
        try await conference.fetchBytes(path + ["avatar.jpg"], query: [], maxBytes: maxBytes)
    }

    private func post(_ name: String, body: (any Encodable)? = nil) async throws -> Bool {
        try await conference.post(path + [name], body: body)
    }
}

struct DTMFRequest: Encodable, Sendable {
    var digits: String
}

struct RoleRequest: Encodable, Sendable {
    var role: Role
}
