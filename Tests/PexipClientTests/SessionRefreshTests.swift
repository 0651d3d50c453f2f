import XCTest
@testable import PexipClient

final class SessionRefreshTests: XCTestCase {
    private let node = Node(baseURL: URL(string: "http://127.0.0.1:8080")!)

    /// A node that grants T0 (expires "120") and then T1, T2… with `refreshExpires`.
    private func tokenNode(refreshExpires: Int = 60, failRefreshes: Int = 0,
                           refreshFailure: HTTPResponse? = nil) -> FakeTransport {
        let issued = Box(0)
        let failures = Box(failRefreshes)
        return FakeTransport { request in
            switch request.apiPath {
            case "request_token":
                return FakeTransport.status(200, #"{"status": "success", "result": {"token": "T0", "expires": "120", "participant_uuid": "me", "role": "HOST"}}"#)
            case "refresh_token":
                let fail = failures.mutate { left -> Bool in
                    if left == 0 { return false }
                    left -= 1
                    return true
                }
                if fail {
                    if let refreshFailure { return refreshFailure }
                    throw URLError(.timedOut)
                }
                let n = issued.mutate { $0 += 1; return $0 }
                return FakeTransport.status(200, #"{"status": "success", "result": {"token": "T\#(n)", "expires": \#(refreshExpires)}}"#)
            default:
                return FakeTransport.ok(true)
            }
        }
    }


    func testRefreshesAtHalfOfExpiresAcrossSeveralLifetimes() async throws {
        let clock = ManualClock()
        let transport = tokenNode(refreshExpires: 60)
        let session = PexipSession(node: node, alias: "meet", transport: transport, clock: clock)
        try await session.join(displayName: "Rec")
        try await clock.waitForSleepers(1)
        XCTAssertEqual(clock.sleeps, [.seconds(60)])

        clock.advance(by: .seconds(59))
        try await Task.sleep(for: .milliseconds(20))
        XCTAssertEqual(refreshes(transport).count, 0, "not before expires/2")
        clock.advance(by: .seconds(1))
        for lifetime in 1...4 {
            try await eventually("refresh \(lifetime)") { refreshes(transport).count == lifetime && clock.sleeperCount == 1 }
            XCTAssertEqual(refreshes(transport).last?.header("token"), "T\(lifetime - 1)")
            let token = try await session.currentToken()
            XCTAssertEqual(token, "T\(lifetime)")
            XCTAssertEqual(clock.sleeps.last, .seconds(30), "refresh at half of the new expires")
            clock.advance(by: .seconds(30))
        }
        await session.release()
        XCTAssertEqual(transport.requests.last?.apiPath, "release_token")
    }

    func testRefreshTokenEventRefreshesAtOnce() async throws {
        let clock = ManualClock()
        let transport = tokenNode()
        let session = PexipSession(node: node, alias: "meet", transport: transport, clock: clock)
        try await session.join(displayName: "Rec")
        try await clock.waitForSleepers(1)
        await session.refreshNow()
        try await eventually("immediate refresh") { refreshes(transport).count == 1 }
        try await eventually("next schedule") { clock.sleeperCount == 1 }
        let token = try await session.currentToken()
        XCTAssertEqual(token, "T1")
        XCTAssertEqual(clock.now(), .zero, "no time had to pass")
    }

    func testReadersWaitWhileARefreshIsInFlight() async throws {
        let clock = ManualClock()
        let gate = Gate()
        let base = tokenNode()
        let transport = FakeTransport { request in
            if request.apiPath == "refresh_token" { await gate.wait() }
            return try await base.send(request)
        }
        let session = PexipSession(node: node, alias: "meet", transport: transport, clock: clock)
        try await session.join(displayName: "Rec")
        await session.refreshNow()
        try await eventually("refresh in flight") { await gate.arrivals == 1 }
        let reader = Task { try await session.currentToken() }
        try await Task.sleep(for: .milliseconds(30))
        await gate.open()
        let token = try await reader.value
        XCTAssertEqual(token, "T1", "the reader got the new token, not the old one")
    }

    func testFailedRefreshRetriesWithBackoffThenGivesUp() async throws {
        let clock = ManualClock()
        let transport = tokenNode(failRefreshes: 100)
        let logs = LogCollector()
        let session = PexipSession(node: node, alias: "meet", transport: transport, clock: clock, log: logs.sink)
        try await session.join(displayName: "Rec")
        try await clock.waitForSleepers(1)
        clock.advance(by: .seconds(60))
        // Back-off 1, 2, 4, 8, 16 s, then never more than half the token life left (expiry at 120):
        // attempts at 60, 61, 63, 67, 75, 91, 105.5, 112.75, 116.375, 118.1875, 119.09375,
        // 119.546875; with under 0.5 s left after that one it gives up.
        let expectedDelays: [Double] = [1, 2, 4, 8, 16, 14.5, 7.25, 3.625, 1.8125, 0.90625, 0.453125]
        for (index, seconds) in expectedDelays.enumerated() {
            // Duration.seconds(Double) rounds to milliseconds; these delays need nanoseconds.
            let delay = Duration.nanoseconds(Int64((seconds * 1e9).rounded()))
            try await eventually("attempt \(index + 1)") { refreshes(transport).count == index + 1 && clock.sleeperCount == 1 }
            XCTAssertEqual(clock.sleeps.last, delay)
            let token = try await session.currentToken()
            XCTAssertEqual(token, "T0", "the old token is still handed out while valid")
            clock.advance(by: delay)
        }
        try await eventually("give up") {
            let active = await session.isActive
            return refreshes(transport).count == expectedDelays.count + 1 && !active
        }
        XCTAssertEqual(clock.sleeperCount, 0)
        do {
            _ = try await session.currentToken()
            XCTFail("expected tokenExpired")
        } catch {
            guard case PexipError.tokenExpired = error else { return XCTFail("\(error)") }
        }
        XCTAssertTrue(logs.lines.contains { $0.contains("giving up") })
    }

    func testRefreshRecoversAfterFailures() async throws {
        let clock = ManualClock()
        let transport = tokenNode(failRefreshes: 2)
        let session = PexipSession(node: node, alias: "meet", transport: transport, clock: clock)
        try await session.join(displayName: "Rec")
        try await clock.waitForSleepers(1)
        clock.advance(by: .seconds(60))
        try await eventually { refreshes(transport).count == 1 && clock.sleeperCount == 1 }
        clock.advance(by: .seconds(1))
        try await eventually { refreshes(transport).count == 2 && clock.sleeperCount == 1 }
        clock.advance(by: .seconds(2))
        try await eventually { refreshes(transport).count == 3 && clock.sleeperCount == 1 }
        XCTAssertEqual(clock.sleeps.last, .seconds(30))
        let token = try await session.currentToken()
        XCTAssertEqual(token, "T1")
    }

    func testInvalidTokenOnRefreshGivesUpAtOnce() async throws {
        let clock = ManualClock()
        let transport = tokenNode(failRefreshes: 1,
                                  refreshFailure: FakeTransport.status(403, #"{"status": "success", "result": "Invalid token"}"#))
        let session = PexipSession(node: node, alias: "meet", transport: transport, clock: clock)
        try await session.join(displayName: "Rec")
        await session.refreshNow()
        try await eventually { !(await session.isActive) }
        XCTAssertEqual(refreshes(transport).count, 1)
        XCTAssertEqual(clock.sleeperCount, 0)
    }

    func testNoRefreshAfterReleaseAndReleaseIsIdempotent() async throws {
        let clock = ManualClock()
        let transport = tokenNode()
        let session = PexipSession(node: node, alias: "meet", transport: transport, clock: clock)
        try await session.join(displayName: "Rec")
        try await clock.waitForSleepers(1)
        await session.release()
        await session.release()
        clock.advance(by: .seconds(1000))
        await session.refreshNow()
        try await Task.sleep(for: .milliseconds(30))
        XCTAssertEqual(refreshes(transport).count, 0)
        XCTAssertEqual(transport.requests.filter { $0.apiPath == "release_token" }.count, 1)
        XCTAssertEqual(transport.requests.last?.header("token"), "T0")
        do {
            _ = try await session.currentToken()
            XCTFail("expected released")
        } catch {
            XCTAssertEqual(error as? PexipError, .released)
        }
        do {
            try await session.join(displayName: "again")
            XCTFail("a released session does not join again")
        } catch {
            XCTAssertEqual(error as? PexipError, .released)
        }
    }

    func testReleaseFromACancelledTaskStillReleases() async throws {
        let transport = tokenNode()
        let session = PexipSession(node: node, alias: "meet", transport: transport, clock: ManualClock())
        let task = Task {
            try await session.withLifetime {
                try await session.join(displayName: "Rec")
                try await Task.sleep(for: .seconds(3600))
            }
        }
        try await eventually { await session.isActive }
        task.cancel()
        _ = await task.result
        XCTAssertEqual(transport.requests.filter { $0.apiPath == "release_token" }.count, 1)
    }

    func testJoinSendsPINAndFollowsAVirtualReception() async throws {
        let transport = FakeTransport { request in
            if request.jsonBody?["conference_extension"] == nil {
                return FakeTransport.status(403, #"{"status": "success", "result": {"conference_extension": "required", "conference_extension_type": "standard"}}"#)
            }
            return FakeTransport.status(200, SpecExamples.requestTokenResponse)
        }
        let session = PexipSession(node: node, alias: "reception", transport: transport, clock: ManualClock())
        do {
            try await PexipSession(node: node, alias: "reception", transport: transport, clock: ManualClock())
                .join(displayName: "Alice", pin: "1234")
            XCTFail("expected a Virtual Reception error")
        } catch {
            XCTAssertEqual(error as? PexipError, .virtualReception(type: "standard"))
        }
        let grant = try await session.join(displayName: "Alice", pin: "1234", virtualReceptionTarget: "meet.bob")
        XCTAssertEqual(grant.participantUUID, "2c34f35f-1060-438c-9e87-6c2dffbc9980")
        let last = try XCTUnwrap(transport.lastRequest)
        XCTAssertEqual(last.jsonBody?["conference_extension"] as? String, "meet.bob")
        XCTAssertEqual(last.header("pin"), "1234")
        XCTAssertEqual(last.apiPath, "request_token")
        await session.release()
    }

    func testBackoffValues() {
        let backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(5))
        XCTAssertEqual((0..<7).map { backoff.delay(forAttempt: $0) },
                       [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5), .seconds(5)])
    }
}

private func refreshes(_ transport: FakeTransport) -> [HTTPRequest] {
    transport.requests.filter { $0.apiPath == "refresh_token" }
}
