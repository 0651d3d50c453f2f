import Foundation

extension ConferenceClient {
    /// `POST request_token`. The PIN goes in the `pin` header, only when given.
    /// - Parameter conferenceExtension: the target alias when joining through a Virtual Reception.
    /// - Throws: ``PexipError/pinRequired(_:)``, ``PexipError/invalidPIN``,
    ///   ``PexipError/virtualReception(type:)``, ``PexipError/conferenceNotFound(alias:)``…
    public func requestToken(displayName: String, pin: String? = nil,
                             conferenceExtension: String? = nil) async throws -> TokenGrant {
        let body = TokenRequest(displayName: displayName, conferenceExtension: conferenceExtension)
        let headers = pin.map { ["pin": $0] } ?? [:]
        let request = try await makeRequest(.post, ["request_token"], body: body, token: .none, headers: headers)
        return try await perform(request, as: TokenGrant.self)
    }

    /// `POST refresh_token` with the current token; returns the new one.
    public func refreshToken(_ token: String) async throws -> TokenRefresh {
        let request = try await makeRequest(.post, ["refresh_token"], token: .header(token))
        return try await perform(request, as: TokenRefresh.self)
    }

    /// `POST release_token`. The answer "should be ignored" (spec); only transport failures
    /// and an HTTP error status throw.
    public func releaseToken(_ token: String, timeout: TimeInterval = 3) async throws {
        let request = try await makeRequest(.post, ["release_token"], token: .header(token), timeout: timeout)
        _ = try await perform(request)
    }
}

/// The request_token body.
struct TokenRequest: Encodable, Sendable {
    var displayName: String
    var conferenceExtension: String?

    enum CodingKeys: String, CodingKey {
        case displayName = "display_name"
        case conferenceExtension = "conference_extension"
    }
}
