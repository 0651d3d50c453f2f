import Foundation
import XCTest

/// `pexrtmp watch` and `pexrtmp control` against the simulated node. Every control request is
/// checked three ways: the command's exit status and output, the simulator's state
/// (`/_sim/state`), and the event a `watch --json` running beside it prints.
final class WatchControlEndToEndTests: SimulatorTestCase {

    /// A `watch --json` stopped with SIGINT when the test ends (if still running).
    private func startWatch(_ node: SimulatedNode, _ conference: String,
                            environment: [String: String] = [:]) throws -> WatchRun {
        let watch = try WatchRun(node: node.http, conference: conference, environment: environment)
        addTeardownBlock {
            if watch.run.process.isRunning {
                watch.run.signal(SIGINT)
                watch.run.wait(timeout: 10)
            }
        }
        watch.waitUntilSynced()
        return watch
    }

    private func assertDone(_ result: ControlRunner.Result, _ expected: String? = nil,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 0, "control failed: \(result.stderr)", file: file, line: line)
        if let expected {
            XCTAssertTrue(result.stdout.contains(expected), "expected \"\(expected)\" in \(result.stdout)", file: file, line: line)
        }
    }

    // MARK: conference requests

    func testConferenceRequestsChangeTheConferenceAndWatchSeesThem() throws {
        let node = try simulator()
        let watch = try startWatch(node, "idle")
        let control = ControlRunner(node: node.http, conference: "idle")

        let status = try control("status")
        assertDone(status, "locked: no")
        XCTAssertTrue(status.stdout.contains("guests muted: no"), status.stdout)
        let statusJSON = try control("status", "--json")
        let statusObject = try JSONSerialization.jsonObject(with: Data(statusJSON.stdout.utf8)) as? [String: Bool]
        XCTAssertEqual(statusObject, ["locked": false, "guests_muted": false])

        var mark = watch.count
        assertDone(try control("lock"), "locked")
        XCTAssertEqual(try node.conferenceState("idle")["locked"] as? Bool, true)
        watch.waitFor("conference_update locked", after: mark) { isEvent($0, "conference_update") && field($0, "locked") as? Bool == true }
        assertDone(try control("status"), "locked: yes")

        mark = watch.count
        assertDone(try control("unlock"), "unlocked")
        XCTAssertEqual(try node.conferenceState("idle")["locked"] as? Bool, false)
        watch.waitFor("conference_update unlocked", after: mark) { isEvent($0, "conference_update") && field($0, "locked") as? Bool == false }

        mark = watch.count
        assertDone(try control("mute-guests"), "guests muted")
        XCTAssertEqual(try node.conferenceState("idle")["guests_muted"] as? Bool, true)
        watch.waitFor("conference_update guests muted", after: mark) {
            isEvent($0, "conference_update") && field($0, "guests_muted") as? Bool == true
        }

        mark = watch.count
        assertDone(try control("unmute-guests"), "guests unmuted")
        XCTAssertEqual(try node.conferenceState("idle")["guests_muted"] as? Bool, false)
        watch.waitFor("conference_update guests unmuted", after: mark) {
            isEvent($0, "conference_update") && field($0, "guests_muted") as? Bool == false
        }

        assertDone(try control("message", "Hello", "from", "control"), "message sent")
        watch.waitFor("the chat message") { isEvent($0, "message") && field($0, "payload") as? String == "Hello from control" }

        let table = try control("participants")
        assertDone(table, "pexrtmp watch")
        XCTAssertTrue(table.stdout.hasPrefix("NAME"), table.stdout)
        XCTAssertTrue(table.stdout.contains("pexrtmp control (you)"), table.stdout)
        let listed = try control("participants", "--json")
        let people = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        XCTAssertTrue(people.contains { $0["display_name"] as? String == "pexrtmp watch" && $0["role"] as? String == "chair" })

        // dial, with every field of the spec given as an option
        let dialled = try control("dial", "sip:dora@example.com", "--protocol", "sip", "--role", "chair",
                                  "--remote-display-name", "Dora", "--dtmf-sequence", "99#", "--streaming",
                                  "--source-display-name", "Alice", "--source", "sip:alice@example.com",
                                  "--call-type", "audio", "--keep-conference-alive", "never",
                                  "--presentation-url", "rtmp://cdn.example.com/app/pres", "--text", "Dora overlay")
        assertDone(dialled)
        let dora = dialled.output
        XCTAssertEqual(dora.count, 36, "one participant uuid expected: \(dialled.stdout)")
        let state = try XCTUnwrap(try node.participant("idle", uuid: dora))
        XCTAssertEqual(state["display_name"] as? String, "Dora")
        XCTAssertEqual(state["role"] as? String, "chair")
        XCTAssertEqual(state["protocol"] as? String, "sip")
        XCTAssertEqual(state["uri"] as? String, "sip:dora@example.com")
        XCTAssertEqual(state["call_direction"] as? String, "out")
        XCTAssertEqual(state["is_streaming_conference"] as? Bool, true)
        XCTAssertEqual(state["dtmf"] as? [String], ["99#"])
        watch.waitFor("Dora connecting") {
            isEvent($0, "participant_create") && field($0, "uuid") as? String == dora && field($0, "service_type") as? String == "connecting"
        }
        watch.waitFor("Dora answering") {
            isEvent($0, "participant_update") && field($0, "uuid") as? String == dora && field($0, "service_type") as? String == "conference"
        }
        XCTAssertEqual(try control("dial", "sip:x@example.com", "--call-type", "hologram").status, 2)
        XCTAssertNil(try node.participant("idle", named: "pexrtmp control"), "a control run did not release its token")
    }

    // MARK: participant and call requests

    func testParticipantRequestsChangeTheParticipantAndWatchSeesThem() throws {
        let node = try simulator()
        let watch = try startWatch(node, "idle")
        let control = ControlRunner(node: node.http, conference: "idle")
        let dave = try control("dial", "sip:dave@example.com", "--remote-display-name", "Dave").output
        XCTAssertTrue(try node.waitForState("idle") { _ in (try? node.participant("idle", uuid: dave))?["service_type"] as? String == "conference" })

        func check(_ arguments: [String], _ expected: String, state key: String, _ value: @escaping (Any?) -> Bool,
                   event: String = "participant_update", line: UInt = #line) throws {
            let mark = watch.count
            assertDone(try control(arguments), expected, line: line)
            XCTAssertTrue(try node.waitForState("idle") { _ in value((try? node.participant("idle", uuid: dave))?[key]) },
                          "\(arguments) did not change \(key)", line: line)
            watch.waitFor("\(event) for \(arguments)", after: mark, line: line) {
                isEvent($0, event) && field($0, "uuid") as? String == dave
            }
        }
        try check(["mute", "Dave"], "muted Dave", state: "is_muted") { $0 as? String == "YES" }
        let lastUpdate = watch.events().last { isEvent($0, "participant_update") && field($0, "uuid") as? String == dave }
        XCTAssertEqual(field(lastUpdate, "is_muted") as? Bool, true)
        try check(["unmute", "dave"], "unmuted Dave", state: "is_muted") { $0 as? String == "NO" }
        try check(["spotlight", dave, "on"], "spotlight on", state: "spotlight") { ($0 as? Double ?? 0) > 0 }
        try check(["spotlight", String(dave.prefix(8)), "off"], "spotlight off", state: "spotlight") { ($0 as? Double ?? 1) == 0 }
        try check(["presentation", "Dave", "deny"], "presentation denied", state: "rx_presentation_policy") { $0 as? String == "DENY" }
        try check(["presentation", "Dave", "allow"], "presentation allowed", state: "rx_presentation_policy") { $0 as? String == "ALLOW" }
        try check(["role", "Dave", "chair"], "a Host", state: "role") { $0 as? String == "chair" }
        try check(["role", "Dave", "guest"], "a Guest", state: "role") { $0 as? String == "guest" }

        assertDone(try control("dtmf", "Dave", "1234#"), "sent DTMF")
        XCTAssertEqual((try node.participant("idle", uuid: dave))?["dtmf"] as? [String], ["1234#"])
        XCTAssertEqual(try control("dtmf", "Dave", "12x").status, 2)

        let avatar = FileManager.default.temporaryDirectory.appendingPathComponent("avatar-\(UUID().uuidString).jpg")
        addTeardownBlock { try? FileManager.default.removeItem(at: avatar) }
        assertDone(try control("avatar", "Dave", "-o", avatar.path), "wrote")
        XCTAssertEqual(try Data(contentsOf: avatar).prefix(2), Data([0xFF, 0xD8]), "not a JPEG")

        // call functions: dtmf and disconnect on one call of a participant
        let erin = try APIParticipant(node: node.http, conference: "idle", name: "Erin")
        defer { erin.release() }
        let call = try erin.addCall()
        assertDone(try control("dtmf", "Erin", "55", "--call", call), "sent DTMF to call \(call)")
        func calls() throws -> [[String: Any]] {
            (try node.conferenceState("idle")["calls"] as? [[String: Any]] ?? []).filter { $0["call_uuid"] as? String == call }
        }
        XCTAssertEqual(try calls().first?["dtmf"] as? [String], ["55"])
        XCTAssertEqual(try node.participant("idle", uuid: erin.uuid)?["calls"] as? [String], [call])
        XCTAssertEqual(try node.participant("idle", uuid: erin.uuid)?["dtmf"] as? [String], [], "the participant got the call's digits")
        assertDone(try control("disconnect", "Erin", "--call", call), "disconnected call \(call)")
        XCTAssertTrue(try node.waitForState("idle") { _ in (try? calls())?.isEmpty == true }, "the call is still there")
        XCTAssertNotNil(try node.participant("idle", uuid: erin.uuid), "disconnecting the call removed the participant")
        XCTAssertEqual(try control("disconnect", "Erin", "--call", "00000000-0000-0000-0000-000000000000").status, 4)

        // transfer: to secure as a Guest with the guest PIN from an environment variable
        let frank = try APIParticipant(node: node.http, conference: "idle", name: "Frank")
        defer { frank.release() }
        var mark = watch.count
        assertDone(try control(["transfer", "Frank", "secure", "--role", "guest", "--target-pin-env", "TARGET_PIN"],
                               environment: ["TARGET_PIN": "5678"]), "transferred Frank")
        XCTAssertTrue(try node.waitForState("secure") { _ in (try? node.participant("secure", uuid: frank.uuid))?["role"] as? String == "guest" })
        XCTAssertNil(try node.participant("idle", uuid: frank.uuid))
        watch.waitFor("Frank leaving idle", after: mark) { isEvent($0, "participant_delete") && field($0, "uuid") as? String == frank.uuid }
        let gina = try APIParticipant(node: node.http, conference: "idle", name: "Gina")
        defer { gina.release() }
        let wrongPIN = try control(["transfer", "Gina", "secure", "--target-pin-env", "TARGET_PIN"], environment: ["TARGET_PIN": "0000"])
        XCTAssertEqual(wrongPIN.status, 1, wrongPIN.stderr)
        XCTAssertFalse(wrongPIN.stderr.contains("0000"), "the PIN leaked: \(wrongPIN.stderr)")

        // names: unknown → 4, shared → 2 listing both
        let unknown = try control("mute", "Nobody")
        XCTAssertEqual(unknown.status, 4, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("no participant \"Nobody\""), unknown.stderr)
        let twin1 = try APIParticipant(node: node.http, conference: "idle", name: "Twin")
        let twin2 = try APIParticipant(node: node.http, conference: "idle", name: "Twin")
        defer { twin1.release(); twin2.release() }
        let ambiguous = try control("mute", "Twin")
        XCTAssertEqual(ambiguous.status, 2, ambiguous.stderr)
        XCTAssertTrue(ambiguous.stderr.contains(twin1.uuid) && ambiguous.stderr.contains(twin2.uuid), ambiguous.stderr)
        XCTAssertEqual(try node.participant("idle", uuid: twin1.uuid)?["is_muted"] as? String, "NO")

        mark = watch.count
        assertDone(try control("disconnect", "Dave"), "disconnected Dave")
        XCTAssertNil(try node.participant("idle", uuid: dave))
        watch.waitFor("Dave leaving", after: mark) { isEvent($0, "participant_delete") && field($0, "uuid") as? String == dave }

        // disconnect-all ends the meeting: the watch is told, exits 0, and everybody is gone
        assertDone(try control("disconnect-all"), "disconnected everyone")
        XCTAssertEqual(watch.run.wait(timeout: 10), 0, watch.run.stderr)
        XCTAssertTrue(watch.events().contains { isEvent($0, "disconnect") })
        XCTAssertTrue(try node.waitForState("idle") { ($0["participants"] as? [Any])?.isEmpty == true })
    }

    // MARK: waiting room

    func testAdmitAndStartLetGuestsInAndAGuestInTheWaitingRoomIsRefused() throws {
        let node = try simulator()
        let host = ["PEXRTMP_PIN": "1234"]
        let watch = try startWatch(node, "locked", environment: host)
        let control = ControlRunner(node: node.http, conference: "locked", environment: host)
        let ownUUID = try XCTUnwrap(watch.ownUUID())

        let waiting = try control(["status"], environment: ["PEXRTMP_PIN": "5678"])
        XCTAssertEqual(waiting.status, 3, waiting.stderr)
        XCTAssertTrue(waiting.stderr.contains("waiting room"), waiting.stderr)

        let guest = try APIParticipant(node: node.http, conference: "locked", name: "Walter", pin: "5678")
        defer { guest.release() }
        XCTAssertEqual(try node.participant("locked", uuid: guest.uuid)?["service_type"] as? String, "waiting_room")
        var mark = watch.count
        assertDone(try control("admit", "Walter"), "admitted Walter")
        XCTAssertEqual(try node.participant("locked", uuid: guest.uuid)?["service_type"] as? String, "conference")
        watch.waitFor("Walter admitted", after: mark) {
            isEvent($0, "participant_update") && field($0, "uuid") as? String == guest.uuid && field($0, "service_type") as? String == "conference"
        }

        let second = try APIParticipant(node: node.http, conference: "locked", name: "Wendy", pin: "5678")
        defer { second.release() }
        XCTAssertEqual(try node.participant("locked", uuid: second.uuid)?["service_type"] as? String, "waiting_room")
        mark = watch.count
        assertDone(try control("start"), "started")
        XCTAssertEqual(try node.participant("locked", uuid: second.uuid)?["service_type"] as? String, "conference")
        watch.waitFor("Wendy let in", after: mark) {
            isEvent($0, "participant_update") && field($0, "uuid") as? String == second.uuid && field($0, "service_type") as? String == "conference"
        }

        // Ctrl-C: watch exits 0 and releases its token (its participant leaves)
        watch.run.signal(SIGINT)
        XCTAssertEqual(watch.run.wait(timeout: 10), 0, watch.run.stderr)
        XCTAssertNil(try node.participant("locked", uuid: ownUUID), "the watch's token was not released")
    }

    // MARK: refusals

    func testAGuestIsRefusedHostOnlyRequestsWithExitThree() throws {
        let node = try simulator()
        let watch = try startWatch(node, "secure", environment: ["HOST_PIN": "1234", "PEXRTMP_PIN": "1234"])
        let host = try XCTUnwrap(watch.ownUUID())
        let guest = ControlRunner(node: node.http, conference: "secure", environment: ["GUEST_PIN": "5678"])
        let hostOnly: [[String]] = [
            ["lock"], ["unlock"], ["start"], ["mute-guests"], ["unmute-guests"], ["disconnect-all"],
            ["dial", "sip:x@example.com"],
            ["mute", host], ["unmute", host], ["disconnect", host], ["spotlight", host, "on"],
            ["presentation", host, "deny"], ["admit", host], ["dtmf", host, "1"], ["role", host, "guest"],
            ["transfer", host, "idle"],
        ]
        for request in hostOnly {
            let refused = try guest(request + ["--pin-env", "GUEST_PIN"])
            XCTAssertEqual(refused.status, 3, "\(request): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains("Host privileges required"), "\(request): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains("joined as a Guest"), "\(request): \(refused.stderr)")
            XCTAssertFalse(refused.stderr.contains("5678"), "the PIN leaked: \(refused.stderr)")
        }
        let state = try node.conferenceState("secure")
        XCTAssertEqual(state["locked"] as? Bool, false)
        XCTAssertEqual(state["guests_muted"] as? Bool, false)
        let hostState = try XCTUnwrap(try node.participant("secure", uuid: host))
        XCTAssertEqual(hostState["is_muted"] as? String, "NO")
        XCTAssertEqual(hostState["role"] as? String, "chair")
        XCTAssertEqual(hostState["dtmf"] as? [String], [])
        XCTAssertFalse(watch.events().contains { isEvent($0, "conference_update") && field($0, "locked") as? Bool == true })
        XCTAssertNil(try node.participant("secure", named: "pexrtmp control"), "a refused control run did not release its token")

        // What a Guest may do still works.
        assertDone(try guest("status", "--pin-env", "GUEST_PIN"), "locked: no")
        assertDone(try guest("message", "hi from a guest", "--pin-env", "GUEST_PIN"), "message sent")
        watch.waitFor("the guest's message") { isEvent($0, "message") && field($0, "payload") as? String == "hi from a guest" }

        let wrong = try guest(["status"], environment: ["PEXRTMP_PIN": "9999"])
        XCTAssertEqual(wrong.status, 3, wrong.stderr)
        XCTAssertTrue(wrong.stderr.contains("PIN"), wrong.stderr)
        XCTAssertFalse(wrong.stderr.contains("9999"), wrong.stderr)
        let missing = try guest(["status"], environment: ["PEXRTMP_PIN": ""])
        XCTAssertEqual(missing.status, 3, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("--pin-env"), missing.stderr)
        let noConference = try ControlRunner(node: node.http, conference: "no-such-room")("status")
        XCTAssertEqual(noConference.status, 4, noConference.stderr)
        let reception = try ControlRunner(node: node.http, conference: "reception")("status")
        XCTAssertEqual(reception.status, 2, reception.stderr)
        XCTAssertTrue(reception.stderr.contains("--extension"), reception.stderr)
        assertDone(try ControlRunner(node: node.http, conference: "reception")("status", "--extension", "idle"), "locked: no")

        // A Host moves the watch elsewhere: it reports the transfer and exits 0.
        let hostControl = ControlRunner(node: node.http, conference: "secure", environment: ["PEXRTMP_PIN": "1234"])
        assertDone(try hostControl("transfer", host, "chatnode"), "transferred pexrtmp watch")
        XCTAssertEqual(watch.run.wait(timeout: 10), 0, watch.run.stderr)
        XCTAssertTrue(watch.run.stderr.contains("transferred by a Host to \"chatnode\""), watch.run.stderr)
        XCTAssertNil(try node.participant("chatnode", uuid: host), "the transferred watch stayed in the target conference")
    }

    // MARK: watch --json

    func testWatchJSONShowsEveryEventOfTheQuickMeetingInOrderAndExitsZero() throws {
        let node = try simulator()
        let watch = try WatchRun(node: node.http, conference: "quick")
        XCTAssertEqual(watch.run.wait(timeout: 45), 0, watch.run.stderr)
        let lines = watch.run.stdout.split(separator: "\n")
        let events = watch.events()
        XCTAssertEqual(events.count, lines.count, "every line must be one JSON object")
        XCTAssertTrue(events.allSatisfy { $0["event"] is String && $0["time"] is String })

        let ids = events.compactMap { ($0["id"] as? String).flatMap(Int.init) }
        XCTAssertEqual(ids, ids.sorted(), "event ids out of order")

        func named(_ name: String) -> (([String: Any]) -> Bool) {
            { ($0["data"] as? [String: Any])?["display_name"] as? String == name }
        }
        let expected: [(String, ([String: Any]) -> Bool)] = [
            ("conference_update", { isEvent($0, "conference_update") }),
            ("participant_sync_begin", { isEvent($0, "participant_sync_begin") }),
            ("participant_sync_end", { isEvent($0, "participant_sync_end") }),
            ("Bob joins", { isEvent($0, "participant_create") && named("Bob")($0) }),
            ("Carol joins", { isEvent($0, "participant_create") && named("Carol")($0) }),
            ("Bob's chat", { isEvent($0, "message") && field($0, "payload") as? String == "Hello from Bob" && field($0, "origin") as? String == "Bob" }),
            ("Bob muted", { isEvent($0, "participant_update") && named("Bob")($0) && field($0, "is_muted") as? Bool == true }),
            ("Carol speaking", { isEvent($0, "stage") && (($0["data"] as? [[String: Any]])?.first?["vad"] as? Int) == 100 }),
            ("layout 1:7", { isEvent($0, "layout") && field($0, "view") as? String == "1:7" }),
            ("Carol presents", { isEvent($0, "presentation_start") && field($0, "presenter_name") as? String == "Carol" }),
            ("slide 1", { isEvent($0, "presentation_frame") }),
            ("slide 2", { isEvent($0, "presentation_frame") }),
            ("repeat", { isEvent($0, "presentation_frame") }),
            ("noisy", { isEvent($0, "presentation_frame") }),
            ("slide 3", { isEvent($0, "presentation_frame") }),
            ("presentation stops", { isEvent($0, "presentation_stop") }),
            ("Carol's chat", { isEvent($0, "message") && field($0, "payload") as? String == "Thanks all" }),
            ("Bob leaves", { isEvent($0, "participant_delete") }),
            ("the meeting ends", { isEvent($0, "disconnect") }),
        ]
        var position = 0
        for (description, matches) in expected {
            guard let found = events[position...].firstIndex(where: matches) else {
                XCTFail("\(description) missing after event \(position) in:\n\(watch.run.stdout)")
                return
            }
            position = found + 1
        }
        XCTAssertEqual(position, events.count, "nothing should follow the disconnect")
        let bob = events.first { isEvent($0, "participant_create") && named("Bob")($0) }
        let leaving = events.last { isEvent($0, "participant_delete") }
        XCTAssertEqual(field(leaving, "uuid") as? String, field(bob, "uuid") as? String)
        XCTAssertFalse(watch.run.stderr.contains("warning"), watch.run.stderr)
    }

    func testWatchSurvivesTokenExpiryAndDroppedEventStreams() throws {
        let node = try SimulatedNode(tokenExpires: 4)
        defer { node.stop() }
        let watch = try startWatch(node, "idle")
        let own = try XCTUnwrap(watch.ownUUID())
        let control = ControlRunner(node: node.http, conference: "idle")
        let start = Date()

        Thread.sleep(forTimeInterval: 5)
        XCTAssertGreaterThan((try node.post("/events/drop", ["conference": "idle"]) as? [String: Any])?["dropped"] as? Int ?? 0, 0)
        watch.waitFor("a second participant sync after the drop") { _ in
            watch.events().filter { isEvent($0, "participant_sync_begin") }.count >= 2
        }
        assertDone(try control("message", "after the drop"))
        watch.waitFor("the message after the drop") { field($0, "payload") as? String == "after the drop" }

        Thread.sleep(forTimeInterval: max(0, 10 - Date().timeIntervalSince(start)))
        _ = try node.post("/events/drop", ["conference": "idle"])
        Thread.sleep(forTimeInterval: max(0, 16 - Date().timeIntervalSince(start)))
        assertDone(try control("message", "after 16 s"))
        watch.waitFor("the message after 16 s") { field($0, "payload") as? String == "after 16 s" }

        XCTAssertTrue(watch.run.process.isRunning, "watch stopped: \(watch.run.stderr)")
        XCTAssertNotNil(try node.participant("idle", uuid: own), "the watch's participant left (token lost)")
        XCTAssertFalse(watch.events().contains { isEvent($0, "disconnect") })
        XCTAssertFalse(watch.events().contains { isEvent($0, "participant_delete") && field($0, "uuid") as? String == own })
        XCTAssertGreaterThanOrEqual(watch.events().filter { isEvent($0, "participant_sync_begin") }.count, 3)

        _ = try node.post("/meeting/end", ["conference": "idle"])
        XCTAssertEqual(watch.run.wait(timeout: 10), 0, watch.run.stderr)
        XCTAssertTrue(watch.run.stderr.contains("disconnected by the node"), watch.run.stderr)
    }
}
