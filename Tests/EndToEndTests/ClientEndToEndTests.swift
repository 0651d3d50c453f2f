import Foundation
import PexipClient
import XCTest

/// The PexipClient library against the simulated node, over real HTTP: join, refresh across
/// several token lifetimes (3 s tokens), follow events through a dropped stream, survive failed
/// refreshes, refresh on a `refresh_token` event, release; and every request_token outcome.
final class ClientEndToEndTests: SimulatorTestCase {
    static let tokenLifetime = 3
    override class var simulatorTokenExpires: Int? { tokenLifetime }

    private func session(_ alias: String) throws -> PexipSession {
        PexipSession(node: try Node(parsing: try simulator().http), alias: alias, transport: try URLSessionTransport())
    }

    private func participantNames(_ alias: String) throws -> [String] {
        let participants = try simulator().conferenceState(alias)["participants"] as? [[String: Any]] ?? []
        return participants.compactMap { $0["display_name"] as? String }
    }

    /// Collects event stream items in the background.
    private final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [EventStreamItem] = []
        func add(_ item: EventStreamItem) { lock.lock(); items.append(item); lock.unlock() }
        var all: [EventStreamItem] { lock.lock(); defer { lock.unlock() }; return items }
        var names: [String] {
            all.compactMap { if case .event(let e) = $0 { return e.name } else { return nil } }
        }
        var reconnects: Int { all.filter { $0 == .reconnected }.count }
    }

    func testSessionLivesThroughSeveralTokenLifetimesDroppedEventsAndFailedRefreshes() async throws {
        let node = try simulator()
        let session = try session("idle")
        let grant = try await session.join(displayName: "E2E Client")
        XCTAssertEqual(grant.expires, TimeInterval(Self.tokenLifetime))
        XCTAssertTrue(try participantNames("idle").contains("E2E Client"))

        let collector = Collector()
        let events = Task { for await item in session.eventStream().items() { collector.add(item) } }

        // Five token lifetimes: the token keeps changing and requests keep working.
        var tokens: Set<String> = [try await session.currentToken()]
        for _ in 0..<30 {
            try await Task.sleep(for: .milliseconds(500))
            tokens.insert(try await session.currentToken())
        }
        XCTAssertGreaterThanOrEqual(tokens.count, 6, "refreshes at expires/2 over 15 s of 3 s tokens")
        let status = try await session.client.conferenceStatus()
        XCTAssertEqual(status.locked, false)

        // The events stream was synced, then survives a drop with a fresh sync.
        XCTAssertEqual(collector.names.prefix(2), ["conference_update", "participant_sync_begin"])
        try node.post("/events/drop", ["conference": "idle"])
        try await Task.sleep(for: .seconds(3))
        XCTAssertEqual(collector.reconnects, 1, "\(collector.all.suffix(5))")
        XCTAssertEqual(collector.names.filter { $0 == "participant_sync_begin" }.count, 2)

        // Two failing refreshes are retried with back-off while the token is still valid.
        try node.post("/refresh/fail", ["count": 2, "status": 503])
        try await Task.sleep(for: .seconds(6))
        _ = try await session.client.conferenceStatus()
        let active = await session.isActive
        XCTAssertTrue(active)

        // A refresh_token event makes the session refresh at once.
        let before = try await session.currentToken()
        try node.post("/refresh_event", ["conference": "idle"])
        try await Task.sleep(for: .milliseconds(700))
        let after = try await session.currentToken()
        XCTAssertNotEqual(before, after, "no refresh after the refresh_token event")

        await session.release()
        events.cancel()
        XCTAssertFalse(try participantNames("idle").contains("E2E Client"), "release_token must end the participant")
        do {
            _ = try await session.currentToken()
            XCTFail("a released session has no token")
        } catch PexipError.released {}
    }

    func testEveryRequestTokenOutcome() async throws {
        // PIN required, naming which roles need one.
        do {
            _ = try await session("secure").join(displayName: "NoPIN")
            XCTFail("a PIN was required")
        } catch PexipError.pinRequired(let need) {
            XCTAssertTrue(need.host)
            XCTAssertTrue(need.guest)
        }
        do {
            _ = try await session("secure").join(displayName: "WrongPIN", pin: "0000")
            XCTFail("the PIN was wrong")
        } catch PexipError.invalidPIN {}
        let guest = try session("secure")
        let guestGrant = try await guest.join(displayName: "Guest", pin: "5678")
        XCTAssertEqual(guestGrant.role, .guest)
        do {
            _ = try await guest.client.lock()
            XCTFail("a Guest may not lock")
        } catch PexipError.refused(let reason) {
            XCTAssertFalse(reason.isEmpty)
        }
        await guest.release()

        do {
            _ = try await session("no-such-room").join(displayName: "X")
            XCTFail("unknown alias")
        } catch PexipError.conferenceNotFound(let alias) {
            XCTAssertEqual(alias, "no-such-room")
        }
        do {
            _ = try await session("reception").join(displayName: "Lost")
            XCTFail("a Virtual Reception needs a target")
        } catch PexipError.virtualReception(let type) {
            XCTAssertEqual(type, "standard")
        }
        let viaReception = try session("reception")
        let grant = try await viaReception.join(displayName: "Via Reception", virtualReceptionTarget: "idle")
        XCTAssertFalse(grant.participantUUID.isEmpty)
        XCTAssertTrue(try participantNames("idle").contains("Via Reception"))
        await viaReception.release()
    }
}
