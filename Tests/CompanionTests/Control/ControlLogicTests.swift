import Foundation
import PexipClient
import XCTest
@testable import Companion

/// Pure logic behind `pexrtmp control` and `pexrtmp watch`: naming participants, the table,
/// event JSON lines, and the terminal view model.
final class ControlLogicTests: XCTestCase {
    private let alice = Participant(uuid: "50b956c8-9a63-4711-8630-3810f8666b04", displayName: "Alice", role: .host)
    private let bob = Participant(uuid: "65b4af2f-657a-4081-98a8-b17667628ce3", displayName: "Bob", role: .guest)
    private let bob2 = Participant(uuid: "a0196175-b462-48a1-b95c-f322c3af57c1", displayName: "Bob", role: .host)
    private let bobby = Participant(uuid: "c0ffee00-0000-4000-8000-000000000001", displayName: "bob", role: .guest)

    // MARK: participant names

    func testResolvesByUUIDExactNameAndCaseInsensitiveName() {
        let everyone = [alice, bob]
        XCTAssertEqual(ParticipantResolver.resolve(alice.uuid.uppercased(), in: everyone), .one(alice))
        XCTAssertEqual(ParticipantResolver.resolve("Bob", in: everyone), .one(bob))
        XCTAssertEqual(ParticipantResolver.resolve("alice", in: everyone), .one(alice))
        XCTAssertEqual(ParticipantResolver.resolve("  Alice ", in: everyone), .one(alice))
    }

    func testExactNameWinsOverCaseInsensitiveMatch() {
        XCTAssertEqual(ParticipantResolver.resolve("bob", in: [bob, bobby]), .one(bobby))
        XCTAssertEqual(ParticipantResolver.resolve("Bob", in: [bob, bobby]), .one(bob))
    }

    func testSharedNameIsAmbiguousAndTheMessageListsEveryMatch() {
        let everyone = [alice, bob, bob2]
        let match = ParticipantResolver.resolve("Bob", in: everyone)
        XCTAssertEqual(match, .ambiguous([bob, bob2]))
        let message = ParticipantResolver.explain(match, query: "Bob", in: everyone) ?? ""
        XCTAssertTrue(message.contains("matches 2 participants"), message)
        XCTAssertTrue(message.contains(bob.uuid) && message.contains(bob2.uuid), message)
        XCTAssertTrue(message.contains("by uuid"), message)
    }

    func testUUIDPrefixNeedsSixCharactersAndUnknownNamesSayWhoIsThere() {
        XCTAssertEqual(ParticipantResolver.resolve("65b4af", in: [alice, bob]), .one(bob))
        XCTAssertEqual(ParticipantResolver.resolve("65b4", in: [alice, bob]), .none)
        XCTAssertEqual(ParticipantResolver.resolve("", in: [alice]), .none)
        let message = ParticipantResolver.explain(.none, query: "Carol", in: [alice, bob]) ?? ""
        XCTAssertTrue(message.contains("no participant \"Carol\""), message)
        XCTAssertTrue(message.contains("Alice, Bob"), message)
        XCTAssertNil(ParticipantResolver.explain(.one(alice), query: "Alice", in: [alice]))
    }

    // MARK: table

    func testTableAlignsColumnsAndMarksStates() {
        var muted = bob
        muted.isMuted = true
        muted.isPresenting = true
        muted.serviceType = .waitingRoom
        muted.spotlight = 1_700_000_000
        muted.rxPresentationPolicy = "DENY"
        let lines = ParticipantTable.render([alice, muted], selfUUID: alice.uuid).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[0].hasPrefix("NAME"), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("Alice (you)  host"), lines[1])
        let uuidColumn = lines[0].range(of: "UUID")!.lowerBound.utf16Offset(in: lines[0])
        XCTAssertEqual(lines[1].range(of: alice.uuid)!.lowerBound.utf16Offset(in: lines[1]), uuidColumn)
        XCTAssertEqual(lines[2].range(of: bob.uuid)!.lowerBound.utf16Offset(in: lines[2]), uuidColumn)
        for word in ["guest", "waiting_room", "muted", "yes", "deny"] {
            XCTAssertTrue(lines[2].contains(word), "\(word) missing in \(lines[2])")
        }
        XCTAssertFalse(lines.contains { $0.hasSuffix(" ") })
    }

    func testNamesCannotSmuggleTerminalEscapes() {
        let sneaky = Participant(uuid: "u1", displayName: "Eve\u{1B}[2J\n", role: .guest)
        let table = ParticipantTable.render([sneaky])
        XCTAssertFalse(table.contains("\u{1B}"))
        XCTAssertTrue(table.contains("Eve?[2J?"))
    }

    // MARK: event JSON lines

    func testParticipantEventBecomesOneLineWithBooleanFlags() throws {
        let data = """
            {"uuid": "u-1", "display_name": "Alice", "is_muted": "YES", "is_presenting": "NO",
             "role": "chair", "service_type": "conference", "start_time": 1441720992, "spotlight": 0,
             "has_media": false}
            """
        let event = ReceivedEvent(ServerSentEvent(type: "participant_create", data: data, id: "17"),
                                  receivedAt: Date(timeIntervalSince1970: 1_700_000_000.25))
        let line = EventJSON.line(event)
        XCTAssertFalse(line.contains("\n"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        XCTAssertEqual(object["event"] as? String, "participant_create")
        XCTAssertEqual(object["id"] as? String, "17")
        XCTAssertEqual(object["time"] as? String, "2023-11-14T22:13:20.250Z")
        let fields = try XCTUnwrap(object["data"] as? [String: Any])
        XCTAssertEqual(fields["is_muted"] as? Bool, true)
        XCTAssertEqual(fields["is_presenting"] as? Bool, false)
        XCTAssertEqual(fields["role"] as? String, "chair")
        XCTAssertEqual(fields["display_name"] as? String, "Alice")
        XCTAssertTrue(line.contains("\"start_time\":1441720992"), line)
    }

    func testStageChatUnknownAndDataLessEvents() throws {
        func object(_ name: String, _ data: String) throws -> [String: Any] {
            let line = EventJSON.line(ReceivedEvent(ServerSentEvent(type: name, data: data)))
            return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let stage = try object("stage", #"[{"stage_index": 0, "participant_uuid": "u-1", "vad": 100}]"#)
        let entries = try XCTUnwrap(stage["data"] as? [[String: Any]])
        XCTAssertEqual(entries.first?["vad"] as? Int, 100)
        let chat = try object("message_received", #"{"origin": "Bob", "payload": "hi \"all\"\n", "type": "text/plain"}"#)
        XCTAssertEqual((chat["data"] as? [String: Any])?["payload"] as? String, "hi \"all\"\n")
        XCTAssertEqual(chat["event"] as? String, "message_received")
        let unknown = try object("live_captions", #"{"data": "hello", "is_final": true}"#)
        XCTAssertEqual((unknown["data"] as? [String: Any])?["is_final"] as? Bool, true)
        let stop = try object("presentation_stop", "")
        XCTAssertNil(stop["data"])
        let notJSON = try object("splash_screen", "plain words")
        XCTAssertEqual(notJSON["data"] as? String, "plain words")
    }

    func testJSONLineEscapesAndSortsKeys() {
        let value = JSONValue.object(["b": .number(1.5), "a": .string("x/y\u{1}"), "c": .array([.null, .bool(true)])])
        XCTAssertEqual(JSONLine.encode(value), #"{"a":"x/y\u0001","b":1.5,"c":[null,true]}"#)
    }

    // MARK: terminal view model

    func testMeetingStateFollowsRosterStageChatPresenterAndLock() {
        var state = MeetingState(alias: "demo", selfUUID: alice.uuid, chatLimit: 2)
        func feed(_ name: String, _ data: String = "") {
            state.apply(.event(ReceivedEvent(ServerSentEvent(type: name, data: data))))
        }
        state.apply(.connected)
        feed("conference_update", #"{"locked": false, "guests_muted": false}"#)
        feed("participant_sync_begin")
        feed("participant_create", #"{"uuid": "\#(alice.uuid)", "display_name": "Alice", "role": "chair"}"#)
        XCTAssertTrue(state.isSyncing)
        feed("participant_create", #"{"uuid": "\#(bob.uuid)", "display_name": "Bob", "role": "guest", "is_muted": "YES"}"#)
        feed("participant_sync_end")
        XCTAssertEqual(state.participants.map(\.displayName), ["Alice", "Bob"])
        feed("stage", #"[{"stage_index": 0, "participant_uuid": "\#(bob.uuid)", "vad": 100}, {"stage_index": 1, "participant_uuid": "\#(alice.uuid)", "vad": 0}]"#)
        XCTAssertTrue(state.isSpeaking(bob.uuid))
        XCTAssertFalse(state.isSpeaking(alice.uuid))
        feed("presentation_start", #"{"presenter_name": "Bob", "presenter_uuid": "\#(bob.uuid)"}"#)
        XCTAssertEqual(state.presenter, "Bob")
        for text in ["one", "two", "three"] {
            feed("message_received", #"{"origin": "Alice", "payload": "\#(text)"}"#)
        }
        XCTAssertEqual(state.chat.map(\.text), ["two", "three"])
        feed("conference_update", #"{"locked": true, "guests_muted": true}"#)
        XCTAssertEqual(state.locked, true)
        XCTAssertEqual(state.guestsMuted, true)

        let screen = MeetingScreen.lines(state, width: 120)
        XCTAssertTrue(screen[0].contains("demo") && screen[0].contains("LOCKED") && screen[0].contains("guests MUTED"), screen[0])
        XCTAssertTrue(screen[0].contains("2 participants"), screen[0])
        XCTAssertEqual(screen[1], "presenting: Bob")
        let bobLine = screen.first { $0.contains("Bob ") && $0.contains("guest") } ?? ""
        XCTAssertTrue(bobLine.hasPrefix("▶"), bobLine)
        XCTAssertTrue(bobLine.contains("muted") && bobLine.contains("presenting"), bobLine)
        XCTAssertTrue(screen.contains { $0.contains("Alice (you)") })
        XCTAssertTrue(screen.contains { $0.hasSuffix("Alice: three") })

        feed("presentation_stop")
        feed("participant_delete", #"{"uuid": "\#(bob.uuid)"}"#)
        XCTAssertNil(state.presenter)
        XCTAssertFalse(state.isSpeaking(bob.uuid))
        feed("disconnect", #"{"reason": "Conference terminated"}"#)
        state.apply(.ended(nil))
        XCTAssertEqual(state.connection, .ended(reason: "Conference terminated"))
        XCTAssertTrue(MeetingScreen.lines(state).contains("disconnected: Conference terminated"))
    }

    func testScreenClipsLongLinesAndShowsReconnecting() {
        var state = MeetingState(alias: String(repeating: "x", count: 200), selfUUID: nil)
        state.apply(.reconnecting(attempt: 3, delay: .seconds(2), reason: "connection lost"))
        let header = MeetingScreen.lines(state, width: 40)[0]
        XCTAssertEqual(header.count, 40)
        XCTAssertTrue(header.hasSuffix("…"))
        var short = MeetingState(alias: "demo", selfUUID: nil)
        short.apply(.reconnecting(attempt: 3, delay: .seconds(2), reason: "connection lost"))
        XCTAssertTrue(MeetingScreen.lines(short)[0].contains("reconnecting (attempt 3)"))
    }
}

/// `control dial` options → the spec's dial fields.
final class DialOptionsTests: XCTestCase {
    func testEveryDialFieldOfTheSpecHasAnOption() throws {
        let values = [
            "role": "chair", "protocol": "rtmp", "presentation-url": "rtmp://cdn.example.com/app/pres",
            "dtmf-sequence": "123#", "source-display-name": "Alice", "source": "sip:alice@example.com",
            "call-type": "video-only", "keep-conference-alive": "if-multiple",
            "remote-display-name": "Stream", "text": "Live",
        ]
        XCTAssertEqual(Set(values.keys), Set(DialOptions.valueOptions))
        let request = try DialOptions.request(destination: "rtmp://cdn.example.com/app/key", values: values, streaming: true)
        let data = try JSONEncoder().encode(request)
        let body = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: String])
        XCTAssertEqual(body, [
            "role": "chair", "destination": "rtmp://cdn.example.com/app/key", "protocol": "rtmp",
            "presentation_url": "rtmp://cdn.example.com/app/pres", "streaming": "yes",
            "dtmf_sequence": "123#", "source_display_name": "Alice", "source": "sip:alice@example.com",
            "call_type": "video-only", "keep_conference_alive": "keep_conference_alive_if_multiple",
            "remote_display_name": "Stream", "text": "Live",
        ])
    }

    func testDefaultsAreAGuestOverSIPAndBadWordsAreNamed() throws {
        let plain = try DialOptions.request(destination: "bob@example.com", values: [:], streaming: false)
        let body = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(plain)) as? [String: String])
        XCTAssertEqual(body, ["role": "guest", "destination": "bob@example.com", "protocol": "sip"])
        XCTAssertThrowsError(try DialOptions.request(destination: "x", values: ["call-type": "hologram"], streaming: false)) {
            XCTAssertTrue(($0 as? DialOptions.Problem)?.message.contains("--call-type") == true)
        }
        XCTAssertThrowsError(try DialOptions.request(destination: "x", values: ["dtmf-sequence": "12x"], streaming: false))
        XCTAssertThrowsError(try DialOptions.request(destination: "x", values: ["keep-conference-alive": "maybe"], streaming: false))
        XCTAssertEqual(try DialOptions.request(destination: "x", values: ["role": "host"], streaming: false).role, .host)
    }
}
