import XCTest
@testable import PexipClient

final class EventStreamTests: XCTestCase {
    private let node = Node(baseURL: URL(string: "http://127.0.0.1:8080")!)

    /// A scripted connection: chunks to send, then how it ends.
    private enum Script: Sendable {
        case events([String], then: EndKind)
        case refuse(HTTPResponse)
        case unreachable
    }

    private enum EndKind: Sendable { case drop, close, hang }

    /// A transport whose n-th events connection plays `scripts[n]` (the last one repeats).
    private func transport(_ scripts: [Script]) -> FakeTransport {
        let count = Box(0)
        let transport = FakeTransport()
        transport.respondToStreams { _ in
            let index = count.mutate { value -> Int in value += 1; return value - 1 }
            switch scripts[min(index, scripts.count - 1)] {
            case .unreachable:
                throw URLError(.cannotConnectToHost)
            case .refuse(let response):
                return HTTPStream(status: response.status, body: AsyncThrowingStream { $0.yield(response.body); $0.finish() })
            case .events(let chunks, let end):
                let body = AsyncThrowingStream<Data, any Error> { continuation in
                    for chunk in chunks { continuation.yield(Data(chunk.utf8)) }
                    switch end {
                    case .drop: continuation.finish(throwing: URLError(.networkConnectionLost))
                    case .close: continuation.finish()
                    case .hang: break
                    }
                }
                return HTTPStream(status: 200, headers: ["Content-Type": "text/event-stream"], body: body)
            }
        }
        return transport
    }

    /// Consumes items, advancing the clock through every reconnect delay, until the stream ends
    /// or `limit` items arrived.
    private func collect(_ stream: EventStream, clock: ManualClock, limit: Int = 100) async throws -> [EventStreamItem] {
        var items: [EventStreamItem] = []
        for await item in stream.items() {
            items.append(item)
            if case .reconnecting(_, let delay, _) = item {
                try await clock.waitForSleepers(1)
                clock.advance(by: delay)
            }
            if items.count >= limit { break }
        }
        return items
    }

    private func names(_ items: [EventStreamItem]) -> [String] {
        items.map { item in
            switch item {
            case .connected: return "connected"
            case .reconnected: return "reconnected"
            case .reconnecting(let attempt, _, _): return "reconnecting \(attempt)"
            case .event(let event): return event.name
            case .ended(let error): return "ended \(error.map { "\($0)" } ?? "ok")"
            }
        }
    }

    func testReconnectsWithLastEventIDAndEndsOnInvalidToken() async throws {
        let clock = ManualClock()
        let transport = transport([
            .events(["event: participant_sync_begin\ndata: null\n\nevent: participant_create\n",
                     "data: {\"uuid\": \"a\"}\nid: 41\n\nevent: participant_sync_end\ndata: null\n\n",
                     "event: presentation_frame\nid: 42\ndata: {}\n\nevent: part"], then: .drop),
            .events(["event: stage\ndata: []\n\n"], then: .close),
            .refuse(FakeTransport.status(403, #"{"status": "success", "result": "Invalid token"}"#)),
        ])
        let client = ConferenceClient(node: node, alias: "meet", transport: transport, tokenSource: .fixed("TOK%3D"))
        let stream = EventStream(client: client, clock: clock)
        let items = try await collect(stream, clock: clock)
        XCTAssertEqual(names(items), [
            "connected", "participant_sync_begin", "participant_create", "participant_sync_end", "presentation_frame",
            "reconnecting 1", "reconnected", "stage", "reconnecting 1", "ended the node refused the session token (expired or released); join again",
        ])
        let requests = transport.requests
        XCTAssertEqual(requests.count, 3)
        XCTAssertTrue(requests.allSatisfy { $0.apiPath == "events" && $0.method == .get })
        XCTAssertEqual(requests[0].url.query, "token=TOK%3D")
        XCTAssertNil(requests[0].header("token"))
        XCTAssertNil(requests[0].header("Last-Event-ID"))
        XCTAssertEqual(requests[1].header("Last-Event-ID"), "42")
        XCTAssertEqual(requests[2].header("Last-Event-ID"), "42")
        XCTAssertEqual(items.last, .ended(.invalidToken))
        if case .event(let frame) = items[4] {
            XCTAssertEqual(frame.event, .presentationFrame(frameID: "42"))
        } else {
            XCTFail("\(items[4])")
        }
    }

    func testBackoffGrowsAndGivesUp() async throws {
        let clock = ManualClock()
        let transport = transport([.unreachable])
        let client = ConferenceClient(node: node, alias: "meet", transport: transport, tokenSource: .fixed("t"))
        let stream = EventStream(client: client, options: EventStreamOptions(giveUpAfter: .seconds(10)), clock: clock)
        let items = try await collect(stream, clock: clock)
        let delays: [Duration] = items.compactMap {
            if case .reconnecting(_, let delay, _) = $0 { return delay }
            return nil
        }
        // Failures at 0, 0.5, 1.5, 3.5, 7.5; at 12.5 s the 10 s limit has passed.
        XCTAssertEqual(delays, [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(5)])
        guard case .ended(.transport(let reason))? = items.last else { return XCTFail("\(String(describing: items.last))") }
        XCTAssertTrue(reason.contains("connection refused"), reason)
        XCTAssertEqual(transport.requests.count, 6)
    }

    func testSuccessfulConnectionResetsTheBackoff() async throws {
        let clock = ManualClock()
        let transport = transport([
            .unreachable, .unreachable, .events(["data: x\n\n"], then: .drop), .unreachable,
            .events(["event: disconnect\ndata: {\"reason\": \"bye\"}\n\n"], then: .hang),
        ])
        let client = ConferenceClient(node: node, alias: "meet", transport: transport, tokenSource: .fixed("t"))
        let items = try await collect(EventStream(client: client, clock: clock), clock: clock)
        let delays: [Duration] = items.compactMap {
            if case .reconnecting(_, let delay, _) = $0 { return delay }
            return nil
        }
        XCTAssertEqual(delays, [.milliseconds(500), .seconds(1), .milliseconds(500), .seconds(1)])
        XCTAssertEqual(names(items).suffix(3), ["reconnected", "disconnect", "ended ok"])
    }

    func testUnknownEventsPassThroughAndStopWhenConsumerStops() async throws {
        let clock = ManualClock()
        let transport = transport([.events(["event: hello\ndata: {\"x\": 1}\n\n: keepalive\n\nevent: fecc\ndata: {}\n\n"], then: .hang)])
        let client = ConferenceClient(node: node, alias: "meet", transport: transport, tokenSource: .fixed("t"))
        let items = try await collect(EventStream(client: client, clock: clock), clock: clock, limit: 3)
        XCTAssertEqual(items.dropFirst().map { item -> ConferenceEvent? in
            if case .event(let e) = item { return e.event }
            return nil
        }, [.unknown(name: "hello", data: #"{"x": 1}"#), .unknown(name: "fecc", data: "{}")])
    }

    func testSessionStreamRefreshesOnRefreshTokenEventAndRosterFollows() async throws {
        let clock = ManualClock()
        let transport = transport([.events([
            "event: participant_sync_begin\ndata: null\n\n",
            "event: participant_create\ndata: {\"uuid\": \"a\", \"display_name\": \"Alice\"}\n\n",
            "event: participant_create\ndata: {\"uuid\": \"me\", \"display_name\": \"Rec\"}\n\n",
            "event: participant_sync_end\ndata: null\n\n",
            "event: refresh_token\ndata: null\n\n",
            "event: participant_delete\ndata: {\"uuid\": \"a\"}\n\n",
        ], then: .hang)])
        transport.respond { request in
            switch request.apiPath {
            case "request_token":
                return FakeTransport.status(200, #"{"status": "success", "result": {"token": "T0", "expires": "120", "participant_uuid": "me"}}"#)
            case "refresh_token":
                return FakeTransport.status(200, #"{"status": "success", "result": {"token": "T1", "expires": "120"}}"#)
            default:
                return FakeTransport.ok(true)
            }
        }
        let session = PexipSession(node: node, alias: "meet", transport: transport, clock: clock)
        try await session.join(displayName: "Rec")
        var roster = ParticipantRoster()
        var snapshots: [[String]] = []
        for await event in session.eventStream().events() {
            if roster.apply(event.event) { snapshots.append(roster.participants.map(\.uuid)) }
            if event.name == "participant_delete" { break }
        }
        XCTAssertEqual(snapshots, [["a", "me"], ["me"]])
        try await eventually("refresh") { transport.requests.contains { $0.apiPath == "refresh_token" } }
        let token = try await session.currentToken()
        XCTAssertEqual(token, "T1")
        await session.release()
    }
}
