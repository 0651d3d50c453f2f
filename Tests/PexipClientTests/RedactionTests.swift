import XCTest
@testable import PexipClient

final class RedactionTests: XCTestCase {
    func testScrubTokenQueries() {
        XCTAssertEqual(Redaction.scrub("GET https://n/api/events?token=abc%3D&x=1"),
                       "GET https://n/api/events?token=<redacted>&x=1")
        XCTAssertEqual(Redaction.scrub("a token=xyz b"), "a token=<redacted> b")
        XCTAssertEqual(Redaction.scrub("pin 1234 and secret", secrets: ["1234", "secret"]),
                       "pin <redacted> and <redacted>")
        XCTAssertEqual(Redaction.scrub("no secrets"), "no secrets")
    }

    func testValuesNeverShowTokensOrPins() {
        var grant = TokenGrant(token: "SECRET-TOKEN", participantUUID: "p1")
        grant.role = .host
        let refresh = TokenRefresh(token: "SECRET-TOKEN", expires: 120, role: .guest)
        let transfer = TransferRequest(conferenceAlias: "x", role: .guest, pin: "9876")
        var dumped = ""
        dump(grant, to: &dumped)
        dump(transfer, to: &dumped)
        for text in ["\(grant)", String(reflecting: grant), "\(refresh)", "\(transfer)", String(reflecting: transfer), dumped] {
            XCTAssertFalse(text.contains("SECRET-TOKEN"), text)
            XCTAssertFalse(text.contains("9876"), text)
        }
        XCTAssertTrue("\(grant)".contains("<redacted>"))
    }

    func testErrorsAndLogsCarryNoSecrets() async throws {
        let logs = LogCollector()
        let transport = FakeTransport { request in
            switch request.apiPath {
            case "request_token": return FakeTransport.status(200, #"{"status": "success", "result": {"token": "SECRET-TOKEN", "expires": "120", "participant_uuid": "p", "role": "HOST"}}"#)
            case "conference_status": return FakeTransport.status(403, #"{"status": "success", "result": "Host only"}"#)
            default: throw URLError(.timedOut)
            }
        }
        let session = PexipSession(node: Node(baseURL: URL(string: "http://n")!), alias: "meet", transport: transport,
                                   clock: ManualClock(), log: logs.sink)
        try await session.join(displayName: "A", pin: "4321")
        var errors: [String] = []
        do { _ = try await session.client.conferenceStatus() } catch { errors.append("\(error)") }
        do { _ = try await session.client.participants() } catch { errors.append("\(error)") }
        await session.release()
        XCTAssertEqual(errors.count, 2)
        for line in logs.lines + errors {
            XCTAssertFalse(line.contains("SECRET-TOKEN"), line)
            XCTAssertFalse(line.contains("4321"), line)
        }
        XCTAssertFalse(logs.lines.isEmpty)
    }
}

final class LogCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var _lines: [String] = []
    var lines: [String] { lock.withLock { _lines } }
    var sink: LogSink { { [self] message in lock.withLock { _lines.append(message.description) } } }
}
