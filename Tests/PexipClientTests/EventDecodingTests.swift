import XCTest
@testable import PexipClient

final class EventDecodingTests: XCTestCase {
    private func event(_ name: String, _ data: String, id: String? = nil) -> ConferenceEvent {
        ReceivedEvent(ServerSentEvent(type: name, data: data, id: id)).event
    }

    func testSpecPresentationEvents() {
        XCTAssertEqual(event("presentation_start", SpecExamples.presentationStart),
                       .presentationStart(PresentationStart(presenterName: "Bob", presenterURI: "bob@example.com")))
        XCTAssertEqual(event("presentation_start", #"{"presenter_name": "Bob", "presenter_uri": "bob@x", "presenter_uuid": "u9"}"#),
                       .presentationStart(PresentationStart(presenterName: "Bob", presenterURI: "bob@x", presenterUUID: "u9")))
        XCTAssertEqual(event("presentation_stop", "null"), .presentationStop)
        XCTAssertEqual(event("presentation_stop", "{}"), .presentationStop)
        XCTAssertEqual(event("presentation_frame", "{}", id: "MTAuNDQuOTkuMl8xOA=="),
                       .presentationFrame(frameID: "MTAuNDQuOTkuMl8xOA=="))
    }

    func testSpecParticipantEvents() throws {
        let participant = try JSONDecoder().decode(Participant.self, from: Data(SpecExamples.participant.utf8))
        XCTAssertEqual(event("participant_create", SpecExamples.participant), .participantCreate(participant))
        XCTAssertEqual(event("participant_update", SpecExamples.participant), .participantUpdate(participant))
        XCTAssertEqual(event("participant_delete", SpecExamples.participantDelete),
                       .participantDelete(uuid: "65b4af2f-657a-4081-98a8-b17667628ce3"))
        XCTAssertEqual(event("participant_sync_begin", "null"), .participantSyncBegin)
        XCTAssertEqual(event("participant_sync_end", "null"), .participantSyncEnd)
    }

    func testSpecConferenceEvents() {
        XCTAssertEqual(event("conference_update", SpecExamples.conferenceUpdate),
                       .conferenceUpdate(ConferenceStatus(locked: false, guestsMuted: false)))
        XCTAssertEqual(event("layout", SpecExamples.layout),
                       .layout(Layout(view: "1:7", participants: ["a0196175-b462-48a1-b95c-f322c3af57c1",
                                                                  "65b4af2f-657a-4081-98a8-b17667628ce3"])))
        XCTAssertEqual(event("message", SpecExamples.message),
                       .message(ChatMessage(origin: "Alice", uuid: "eca55900-274d-498c-beba-2169aad9ce1f",
                                            type: "text/plain", payload: "Hello World")))
        XCTAssertEqual(event("stage", SpecExamples.stage), .stage([
            StageEntry(participantUUID: "a0196175-b462-48a1-b95c-f322c3af57c1", stageIndex: 0, vad: 0),
            StageEntry(participantUUID: "65b4af2f-657a-4081-98a8-b17667628ce3", stageIndex: 1, vad: 0),
        ]))
        XCTAssertEqual(event("call_disconnected", SpecExamples.callDisconnected),
                       .callDisconnected(CallDisconnected(callUUID: "50ed679d-c622-4c0e-b251-e217f2aa030b",
                                                          reason: "API initiated participant disconnect")))
        XCTAssertEqual(event("disconnect", SpecExamples.disconnect),
                       .disconnect(reason: "API initiated participant disconnect"))
        XCTAssertEqual(event("disconnect", "{}"), .disconnect(reason: nil))
        XCTAssertEqual(event("refresh_token", "null"), .refreshToken)
    }

    func testRealNodeVariants() {
        let layout = event("layout", #"{"view": "1:0", "participants": "a0196175", "requested_layout": {"primary_screen": {"chair_layout": "ac"}}, "overlay_text_enabled": true}"#)
        guard case .layout(let value) = layout else { return XCTFail("\(layout)") }
        XCTAssertEqual(value.participants, ["a0196175"])
        XCTAssertEqual(value.overlayTextEnabled, true)
        XCTAssertNotNil(value.requestedLayout?["primary_screen"])

        XCTAssertEqual(event("message_received", #"{"origin": "Bob", "uuid": "u2", "type": "text/plain", "payload": "psst", "direct": true}"#),
                       .message(ChatMessage(origin: "Bob", uuid: "u2", type: "text/plain", payload: "psst", direct: true)))
        XCTAssertEqual(event("stage", #"[{"stage_index": "0", "participant_uuid": "a", "vad": 100.0}]"#),
                       .stage([StageEntry(participantUUID: "a", stageIndex: 0, vad: 100)]))
        XCTAssertEqual(event("conference_update", #"{"locked": "YES", "guests_muted": false, "presentation_allowed": true, "extra": 1}"#),
                       .conferenceUpdate({ var s = ConferenceStatus(locked: true, guestsMuted: false); s.presentationAllowed = true; return s }()))
    }

    func testUnknownAndUndecodablePassThrough() {
        XCTAssertEqual(event("hello", #"{"a": 1}"#), .unknown(name: "hello", data: #"{"a": 1}"#))
        XCTAssertEqual(event("breakout_begin", "{}"), .unknown(name: "breakout_begin", data: "{}"))
        XCTAssertEqual(event("participant_create", "not json"), .unknown(name: "participant_create", data: "not json"))
        XCTAssertEqual(event("participant_create", #"{"display_name": "no uuid"}"#),
                       .unknown(name: "participant_create", data: #"{"display_name": "no uuid"}"#))
        XCTAssertEqual(event("stage", #"{"not": "an array"}"#), .unknown(name: "stage", data: #"{"not": "an array"}"#))
        XCTAssertEqual(event("message", "keepalive"), .unknown(name: "message", data: "keepalive"))
    }

    func testReceivedEventKeepsIdNameAndTime() {
        let at = Date(timeIntervalSince1970: 1000)
        let received = ReceivedEvent(ServerSentEvent(type: "message_received", data: SpecExamples.message, id: "42"), receivedAt: at)
        XCTAssertEqual(received.name, "message_received")
        XCTAssertEqual(received.id, "42")
        XCTAssertEqual(received.receivedAt, at)
    }
}
