import XCTest
@testable import PexipClient

/// Every request of the spec: method, path, token placement and JSON body.
final class RequestTests: XCTestCase {
    private let participantUUID = "7f8bdd7f-2d39-4c3f-9236-3e95b21f21a8"
    private let callUUID = "50ed679d-c622-4c0e-b251-e217f2aa030b"
    private var transport: FakeTransport!
    private var client: ConferenceClient!

    override func setUp() {
        transport = FakeTransport()
        client = ConferenceClient(node: Node(baseURL: URL(string: "https://10.0.0.1")!), alias: "meet_alice",
                                  transport: transport, tokenSource: .fixed("TOKEN%3D"))
    }

    private func json(_ text: String) -> NSDictionary {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? NSDictionary ?? [:]
    }

    /// Checks the last request.
    private func assertLast(_ method: HTTPMethod, _ path: String, body: String? = nil,
                            token: String? = "TOKEN%3D", file: StaticString = #filePath, line: UInt = #line) {
        guard let request = transport.lastRequest else { return XCTFail("no request", file: file, line: line) }
        XCTAssertEqual(request.method, method, file: file, line: line)
        XCTAssertEqual(request.url.host, "10.0.0.1", file: file, line: line)
        XCTAssertTrue(request.url.path.hasPrefix("/api/client/v2/conferences/meet_alice/"), file: file, line: line)
        XCTAssertEqual(request.apiPath, path, file: file, line: line)
        XCTAssertEqual(request.header("token"), token, file: file, line: line)
        if let body {
            XCTAssertEqual(request.header("Content-Type"), "application/json", file: file, line: line)
            XCTAssertEqual(request.jsonBody.map { $0 as NSDictionary }, json(body), file: file, line: line)
        } else {
            XCTAssertNil(request.body, "no body expected", file: file, line: line)
        }
    }

    func testRequestToken() async throws {
        transport.respond { _ in FakeTransport.status(200, SpecExamples.requestTokenResponse) }
        let grant = try await client.requestToken(displayName: "Alice")
        XCTAssertEqual(grant.displayName, "Alice")
        assertLast(.post, "request_token", body: SpecExamples.requestTokenBody, token: nil)
        XCTAssertNil(transport.lastRequest?.header("pin"), "no pin header unless given")

        _ = try await client.requestToken(displayName: "Alice", pin: "1234")
        XCTAssertEqual(transport.lastRequest?.header("pin"), "1234")

        _ = try await client.requestToken(displayName: "Alice", conferenceExtension: "meet.bob")
        assertLast(.post, "request_token", body: #"{"display_name": "Alice", "conference_extension": "meet.bob"}"#, token: nil)
    }

    func testRefreshAndReleaseToken() async throws {
        transport.respond { _ in FakeTransport.status(200, SpecExamples.refreshTokenResponse) }
        let refreshed = try await client.refreshToken("OLD")
        XCTAssertEqual(refreshed.expires, 120)
        assertLast(.post, "refresh_token", token: "OLD")
        transport.respond { _ in FakeTransport.status(200, #"{"status": "success", "result": null}"#) }
        try await client.releaseToken("CURRENT")
        assertLast(.post, "release_token", token: "CURRENT")
        XCTAssertEqual(transport.lastRequest?.timeout, 3)
    }

    func testDial() async throws {
        transport.respond { _ in FakeTransport.status(200, SpecExamples.dialResponse) }
        let uuids = try await client.dial(DialRequest(role: .guest, destination: "bob@example.com", protocol: .sip,
                                                      sourceDisplayName: "Alice"))
        XCTAssertEqual(uuids, ["977fcd1c-8e3c-4dcf-af45-e536b77af088"])
        assertLast(.post, "dial", body: SpecExamples.dialBody)

        _ = try await client.dial(DialRequest(
            role: .host, destination: "rtmp://example.com/live/key", protocol: .rtmp,
            presentationURL: "rtmp://example.com/live/pres", streaming: true, dtmfSequence: "1#",
            sourceDisplayName: "Rec", source: "rec@example.com", callType: .videoOnly,
            keepConferenceAlive: .never, remoteDisplayName: "Recorder", text: "REC"))
        assertLast(.post, "dial", body: #"""
            {"role": "chair", "destination": "rtmp://example.com/live/key", "protocol": "rtmp",
             "presentation_url": "rtmp://example.com/live/pres", "streaming": "yes", "dtmf_sequence": "1#",
             "source_display_name": "Rec", "source": "rec@example.com", "call_type": "video-only",
             "keep_conference_alive": "keep_conference_alive_never", "remote_display_name": "Recorder", "text": "REC"}
            """#)
    }

    func testConferenceFunctions() async throws {
        transport.respond { _ in FakeTransport.status(200, SpecExamples.conferenceStatusResponse) }
        let status = try await client.conferenceStatus()
        XCTAssertEqual(status.locked, false)
        assertLast(.get, "conference_status")

        transport.respond { _ in FakeTransport.ok(true) }
        let calls: [(String, () async throws -> Bool)] = [
            ("lock", client.lock), ("unlock", client.unlock), ("start_conference", client.startConference),
            ("muteguests", client.muteGuests), ("unmuteguests", client.unmuteGuests), ("disconnect", client.disconnectAll),
        ]
        for (path, call) in calls {
            let ok = try await call()
            XCTAssertTrue(ok, path)
            assertLast(.post, path)
        }
        transport.respond { _ in FakeTransport.ok(false) }
        let refused = try await client.lock()
        XCTAssertFalse(refused, "result false comes back as false")

        transport.respond { _ in FakeTransport.ok(true) }
        try await client.sendMessage("Hello World")
        assertLast(.post, "message", body: SpecExamples.messageBody)

        transport.respond { _ in FakeTransport.ok("[\(SpecExamples.participant)]") }
        let participants = try await client.participants()
        XCTAssertEqual(participants.map(\.displayName), ["Alice"])
        assertLast(.get, "participants")
    }

    func testParticipantFunctions() async throws {
        let p = client.participant(participantUUID)
        let calls: [(String, () async throws -> Bool)] = [
            ("disconnect", p.disconnect), ("mute", p.mute), ("unmute", p.unmute),
            ("allowrxpresentation", p.allowRxPresentation), ("denyrxpresentation", p.denyRxPresentation),
            ("spotlighton", p.spotlightOn), ("spotlightoff", p.spotlightOff), ("unlock", p.unlock),
        ]
        for (name, call) in calls {
            _ = try await call()
            assertLast(.post, "participants/\(participantUUID)/\(name)")
        }
        try await p.dtmf("1234")
        assertLast(.post, "participants/\(participantUUID)/dtmf", body: SpecExamples.dtmfBody)
        try await p.setRole(.host)
        assertLast(.post, "participants/\(participantUUID)/role", body: SpecExamples.roleBody)
        try await p.transfer(TransferRequest(conferenceAlias: "meet@example.com", role: .guest, pin: "1234"))
        assertLast(.post, "participants/\(participantUUID)/transfer", body: SpecExamples.transferBody)
    }

    func testCalls() async throws {
        let p = client.participant(participantUUID)
        transport.respond { _ in FakeTransport.status(200, SpecExamples.rtmpCallResponse) }
        let answer = try await p.addCall(.rtmp())
        XCTAssertEqual(answer.callUUID, callUUID)
        assertLast(.post, "participants/\(participantUUID)/calls", body: SpecExamples.rtmpCallBody)

        _ = try await p.addCall(.rtmp(present: .receive, streaming: true, bandwidth: 2048))
        assertLast(.post, "participants/\(participantUUID)/calls",
                   body: #"{"call_type": "RTMP", "present": "receive", "streaming": "true", "bandwidth": "2048"}"#)
        _ = try await p.addCall(.rtmp(present: .main, audioOnly: true))
        assertLast(.post, "participants/\(participantUUID)/calls",
                   body: #"{"call_type": "RTMP", "present": "main", "audioonly": "true"}"#)

        transport.respond { _ in FakeTransport.status(200, SpecExamples.webRTCCallResponse) }
        let webRTC = try await p.addCall(.webRTC(sdp: "..."))
        XCTAssertEqual(webRTC.sdp, "...")
        assertLast(.post, "participants/\(participantUUID)/calls", body: SpecExamples.webRTCCallBody)
        _ = try await p.addCall(.webRTC(sdp: "v=0", present: .send))
        assertLast(.post, "participants/\(participantUUID)/calls", body: #"{"call_type": "WEBRTC", "sdp": "v=0", "present": "send"}"#)
    }

    func testCallFunctions() async throws {
        let call = client.participant(participantUUID).call(callUUID)
        transport.respond { _ in HTTPResponse(status: 200) }
        try await call.ack()
        assertLast(.post, "participants/\(participantUUID)/calls/\(callUUID)/ack")
        transport.respond { _ in FakeTransport.ok(true) }
        try await call.disconnect()
        assertLast(.post, "participants/\(participantUUID)/calls/\(callUUID)/disconnect")
        try await call.dtmf("1234")
        assertLast(.post, "participants/\(participantUUID)/calls/\(callUUID)/dtmf", body: SpecExamples.dtmfBody)
    }

    func testImagesUseTheTokenQueryAndACap() async throws {
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9])
        transport.respond { _ in HTTPResponse(status: 200, headers: ["Content-Type": "image/jpeg"], body: jpeg) }
        let avatar = try await client.participant(participantUUID).avatar()
        XCTAssertEqual(avatar, jpeg)
        assertLast(.get, "participants/\(participantUUID)/avatar.jpg", token: nil)
        XCTAssertEqual(transport.lastRequest?.url.query, "token=TOKEN%3D")

        let frame = try await client.presentationFrame(id: "MTAuNDQuOTkuMl8xOA==")
        XCTAssertEqual(frame, jpeg)
        assertLast(.get, "presentation.jpeg", token: nil)
        XCTAssertEqual(transport.lastRequest?.url.query, "id=MTAuNDQuOTkuMl8xOA%3D%3D&token=TOKEN%3D")
        _ = try await client.presentationFrame(id: "7", highResolution: true)
        assertLast(.get, "presentation_high.jpeg", token: nil)

        do {
            _ = try await client.presentationFrame(id: "7", maxBytes: 4)
            XCTFail("expected the cap to apply")
        } catch {
            XCTAssertEqual(error as? PexipError, .tooLarge(limit: 4))
        }
        transport.respond { _ in FakeTransport.status(403, #"{"status": "success", "result": "Invalid token"}"#) }
        do {
            _ = try await client.presentationFrame(id: "7")
            XCTFail("expected invalid token")
        } catch {
            XCTAssertEqual(error as? PexipError, .invalidToken)
        }
    }

    func testNoTokenSourceMeansNotJoined() async {
        let bare = ConferenceClient(node: client.node, alias: "meet_alice", transport: transport)
        do {
            _ = try await bare.conferenceStatus()
            XCTFail("expected notJoined")
        } catch {
            XCTAssertEqual(error as? PexipError, .notJoined)
        }
        XCTAssertTrue(transport.requests.isEmpty)
    }
}
