import Foundation
import PexipClient

/// Turns ``CommonOptions`` into a joined ``PexipSession``: parses `--node`, applies the TLS
/// options (warning about `--insecure` every time), sends the PIN, and goes through a Virtual
/// Reception when `--extension` names the target.
///
/// Use ``withSession(_:)``: it releases the token when the body returns, throws or is cancelled.
///
///     let joining = try Joining(options)
///     try await joining.withSession { joined in
///         let status = try await joined.client.conferenceStatus()
///     }
struct Joining: Sendable {
    let options: CommonOptions
    let node: Node
    let tls: TLSOptions
    var sessionOptions: SessionOptions
    let commandLog: CommandLog
    /// The library's diagnostics, into ``commandLog`` (tokens and PINs scrubbed).
    let log: LogSink

    /// - Parameters:
    ///   - log: where warnings go (the `--insecure` warning, the library's diagnostics).
    ///     Defaults to a ``CommandLog`` following `--log-format` and `--verbose`.
    ///   - libraryLevel: the least severe library message shown without `--verbose`.
    /// - Throws: ``UsageError`` when `--node` cannot be parsed.
    init(_ options: CommonOptions, sessionOptions: SessionOptions = SessionOptions(), log: CommandLog? = nil,
         libraryLevel: LogMessage.Level = .info) throws(UsageError) {
        let log = log ?? CommandLog(format: options.logFormat, verbose: options.verbose)
        self.options = options
        self.sessionOptions = sessionOptions
        self.commandLog = log
        self.log = Joining.sink(log, least: options.verbose ? .debug : libraryLevel)
        do {
            node = try Node(parsing: options.node)
        } catch {
            throw UsageError("--node \(options.node): \(error)")
        }
        if options.insecure {
            log.warning("--insecure: the node's TLS certificate is NOT verified; anyone on the network path "
                + "could read the PIN and the session token")
        }
        // Over plain http:// there is no certificate to check, so TLS options do not apply.
        let usesTLS = node.baseURL.scheme?.lowercased() == "https"
        tls = usesTLS ? TLSOptions(caFile: options.caFile, insecureSkipVerify: options.insecure) : .default
        KnownSecrets.remember(options.pin)
    }

    /// A session that has not joined yet (for commands that want to drive ``join(_:)`` themselves).
    func makeSession() throws -> PexipSession {
        let transport: any HTTPTransport
        do {
            transport = try TransportChoice.make(tls: tls)
        } catch {
            throw FailureMapping.map(error)
        }
        return PexipSession(node: node, alias: options.conference, transport: transport,
                            options: sessionOptions, log: log)
    }

    /// Joins `session` with the display name, the PIN, and `--extension` for a Virtual Reception.
    /// - Throws: a ``CommandFailure`` naming the option to add when the alias is a Virtual
    ///   Reception and `--extension` is missing, or when a PIN is needed and none was given.
    func join(_ session: PexipSession) async throws -> TokenGrant {
        do {
            return try await session.join(displayName: options.displayName, pin: options.pin?.value,
                                          virtualReceptionTarget: options.conferenceExtension)
        } catch PexipError.virtualReception(let type) where options.conferenceExtension == nil {
            throw CommandFailure(
                "\"\(options.conference)\" is a Virtual Reception (\(type)): add --extension ALIAS "
                    + "with the alias of the conference to join through it", status: .usage)
        } catch PexipError.pinRequired(let need) where options.pin == nil {
            let which = need.host && !need.guest ? "a Host PIN" : need.guest && !need.host ? "a Guest PIN" : "a PIN"
            throw CommandFailure(
                "\"\(options.conference)\" needs \(which): set \(CommonOptions.pinEnvironmentDefault), "
                    + "or add --pin-env VAR or --pin-file FILE", status: .refused)
        }
    }

    /// Joins, runs `body`, and always releases the token afterwards (on return, on error, and on
    /// cancellation). A failure caused by cancellation is rethrown as `CancellationError`.
    func withSession<T: Sendable>(_ body: (JoinedSession) async throws -> T) async throws -> T {
        let session = try makeSession()
        do {
            return try await session.withLifetime {
                let grant = try await join(session)
                return try await body(JoinedSession(session: session, grant: grant, node: node))
            }
        } catch {
            if Task.isCancelled, !(error is CancellationError) { throw CancellationError() }
            throw error
        }
    }

    private static let alreadyReleased = "release_token failed: \(PexipError.invalidToken)"

    /// Library messages at `least` and above, into the command's log.
    static func sink(_ log: CommandLog, least: LogMessage.Level) -> LogSink {
        return { message in
            var level = message.level
            // Releasing a token the node has already dropped (the meeting ended, or the node
            // disconnected us) leaves the state we wanted: not worth a warning.
            if message.message == alreadyReleased { level = .debug }
            guard level >= least else { return }
            let text = KnownSecrets.scrub(message.message)
            switch level {
            case .debug: log.log(.debug, text)
            case .info: log.info(text)
            case .warning: log.warning(text)
            case .error: log.error(text)
            }
        }
    }
}

/// A session that has joined: what a command's body works with.
struct JoinedSession: Sendable {
    let session: PexipSession
    let grant: TokenGrant
    let node: Node

    /// Every API request, with the session's current token.
    var client: ConferenceClient { session.client }

    /// This participant's own uuid.
    var participantUUID: String { grant.participantUUID }

    /// True when the node put this participant in the waiting room of a locked conference.
    var isWaiting: Bool { grant.currentServiceType == .waitingRoom }
}
