import Foundation

/// One participant's presence in a conference: owns the token from join to release.
///
/// - Requests made through ``client`` get the current token; while a refresh is in flight
///   they wait for the new one.
/// - The token is refreshed at `expires × refreshFraction` after each grant, at once when
///   ``refreshNow()`` is called (the events stream does so on a `refresh_token` event), and a
///   failed refresh is retried with back-off while the old token is still valid.
/// - ``release()`` stops refreshing and releases the token; it is idempotent.
/// - Tokens and PINs never reach the log sink or an error description.
public actor PexipSession {
    enum State: Sendable, Equatable {
        case idle
        case active(token: String, expiresAt: Duration)
        case released
        case expired(lastError: String)
    }

    /// The client without a token; the session's own calls go through it.
    nonisolated let base: ConferenceClient
    nonisolated let clock: any PexipClock
    public nonisolated let options: SessionOptions
    nonisolated let log: LogSink?

    var state: State = .idle
    /// The latest grant (its token is kept current across refreshes).
    public internal(set) var grant: TokenGrant?
    var refreshTask: Task<Void, Never>?
    var refreshInFlight = false
    var waiters: [CheckedContinuation<Void, Never>] = []

    public init(node: Node, alias: String, transport: any HTTPTransport,
                options: SessionOptions = SessionOptions(), clock: any PexipClock = SystemClock(),
                log: LogSink? = nil) {
        self.base = ConferenceClient(node: node, alias: alias, transport: transport,
                                     requestTimeout: options.requestTimeout)
        self.options = options
        self.clock = clock
        self.log = log
    }

    /// Every API request, authenticated with this session's current token.
    public nonisolated var client: ConferenceClient {
        base.with(tokenSource: TokenSource { [self] in try await self.currentToken() })
    }

    /// This participant's uuid once joined.
    public var participantUUID: String? { grant?.participantUUID }

    /// True between a successful join and release (or expiry).
    public var isActive: Bool {
        if case .active = state { return true }
        return false
    }

    /// The current token; waits while a refresh is in flight.
    /// - Throws: ``PexipError/notJoined``, ``PexipError/released``, ``PexipError/tokenExpired(lastError:)``.
    public func currentToken() async throws -> String {
        while refreshInFlight {
            await withCheckedContinuation { waiters.append($0) }
        }
        switch state {
        case .active(let token, _): return token
        case .idle: throw PexipError.notJoined
        case .released: throw PexipError.released
        case .expired(let lastError): throw PexipError.tokenExpired(lastError: lastError)
        }
    }

    /// Joins: request_token, then refreshes in the background until ``release()``.
    /// - Parameters:
    ///   - pin: sent in the `pin` header, only when given.
    ///   - virtualReceptionTarget: when the alias turns out to be a Virtual Reception, request_token
    ///     is repeated with this as `conference_extension`. Without it, a Virtual Reception
    ///     throws ``PexipError/virtualReception(type:)``.
    @discardableResult
    public func join(displayName: String, pin: String? = nil,
                     virtualReceptionTarget: String? = nil) async throws -> TokenGrant {
        switch state {
        case .idle, .expired: break
        case .active: if let grant { return grant }
        case .released: throw PexipError.released
        }
        var granted: TokenGrant
        do {
            granted = try await base.requestToken(displayName: displayName, pin: pin)
        } catch PexipError.virtualReception(let type) where virtualReceptionTarget != nil {
            emit(.info, "\(base.alias) is a Virtual Reception (\(type)); joining \(virtualReceptionTarget!) through it")
            granted = try await base.requestToken(displayName: displayName, pin: pin,
                                                  conferenceExtension: virtualReceptionTarget)
        }
        if state == .released {
            releaseInBackground(granted.token)
            throw PexipError.released
        }
        grant = granted
        install(token: granted.token, expires: granted.expires)
        emit(.info, "joined \(base.alias) as \(granted.role.map(String.init(describing:)) ?? "participant") "
            + "\(granted.participantUUID); token valid \(Int(granted.expires)) s")
        return granted
    }

    /// Runs `body` and releases the token afterwards, whether it returns, throws or is cancelled.
    public nonisolated func withLifetime<T>(_ body: () async throws -> T) async throws -> T {
        do {
            let value = try await body()
            await release()
            return value
        } catch {
            await release()
            throw error
        }
    }

    func emit(_ level: LogMessage.Level, _ message: String) {
        log?(LogMessage(level, message))
    }
}
