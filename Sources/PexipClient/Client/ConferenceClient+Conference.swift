import Foundation

/// Conference control functions (most are Host-only; a Guest gets ``PexipError/refused(reason:)``).
extension ConferenceClient {
    /// `POST dial`: dials out; returns the uuids of the new participants.
    public func dial(_ request: DialRequest) async throws -> [String] {
        try await perform(makeRequest(.post, ["dial"], body: request, token: .current), as: [String].self)
    }

    /// `GET conference_status`.
    public func conferenceStatus() async throws -> ConferenceStatus {
        try await perform(makeRequest(.get, ["conference_status"], token: .current), as: ConferenceStatus.self)
    }

    /// `POST lock`.
    @discardableResult public func lock() async throws -> Bool { try await post(["lock"]) }

    /// `POST unlock`.
    @discardableResult public func unlock() async throws -> Bool { try await post(["unlock"]) }

    /// `POST start_conference`: lets waiting Guests in.
    @discardableResult public func startConference() async throws -> Bool { try await post(["start_conference"]) }

    /// `POST muteguests`.
    @discardableResult public func muteGuests() async throws -> Bool { try await post(["muteguests"]) }

    /// `POST unmuteguests`.
    @discardableResult public func unmuteGuests() async throws -> Bool { try await post(["unmuteguests"]) }

    /// `POST disconnect`: disconnects everyone, this participant included.
    @discardableResult public func disconnectAll() async throws -> Bool { try await post(["disconnect"]) }

    /// `POST message`: chat to all participants.
    @discardableResult
    public func sendMessage(_ payload: String, type: String = "text/plain") async throws -> Bool {
        try await post(["message"], body: MessageRequest(type: type, payload: payload))
    }

    /// `GET participants`: the full participant list.
    public func participants() async throws -> [Participant] {
        try await perform(makeRequest(.get, ["participants"], token: .current), as: [Participant].self)
    }

    /// `GET presentation.jpeg?id=<frame id>&token=…` (or `presentation_high.jpeg`).
    /// The node serves the latest frame when that one is gone.
    /// - Parameter frameID: the SSE id of the `presentation_frame` event.
    public func presentationFrame(id frameID: String?, highResolution: Bool = false,
                                  maxBytes: Int = 8 << 20) async throws -> Data {
        let name = highResolution ? "presentation_high.jpeg" : "presentation.jpeg"
        let query = frameID.map { [("id", $0)] } ?? []
        return try await fetchBytes([name], query: query, maxBytes: maxBytes)
    }
}

/// The `message` body.
struct MessageRequest: Encodable, Sendable {
    var type: String
    var payload: String
}
