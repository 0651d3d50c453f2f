import XCTest
@testable import PexipClient

final class RosterTests: XCTestCase {
    private func p(_ uuid: String, _ name: String? = nil) -> Participant {
        Participant(uuid: uuid, displayName: name ?? uuid)
    }

    func testSyncFillsThenReplaces() {
        var roster = ParticipantRoster()
        roster.apply(.participantSyncBegin)
        XCTAssertTrue(roster.isSyncing)
        roster.apply(.participantCreate(p("a")))
        roster.apply(.participantCreate(p("b")))
        XCTAssertEqual(roster.count, 0, "the pending list is not visible before sync_end")
        XCTAssertTrue(roster.apply(.participantSyncEnd))
        XCTAssertFalse(roster.isSyncing)
        XCTAssertEqual(roster.participants.map(\.uuid), ["a", "b"])
    }

    func testDirectChangesOutsideSync() {
        var roster = ParticipantRoster([p("a"), p("b")])
        XCTAssertTrue(roster.apply(.participantCreate(p("c"))))
        XCTAssertTrue(roster.apply(.participantUpdate(p("a", "Alice"))))
        XCTAssertEqual(roster["a"]?.displayName, "Alice")
        XCTAssertEqual(roster.participants.map(\.uuid), ["a", "b", "c"], "an update keeps the order")
        XCTAssertTrue(roster.apply(.participantDelete(uuid: "b")))
        XCTAssertFalse(roster.apply(.participantDelete(uuid: "zzz")))
        XCTAssertFalse(roster.apply(.presentationStop))
        XCTAssertEqual(roster.participants.map(\.uuid), ["a", "c"])
        XCTAssertTrue(roster.apply(.participantUpdate(p("d"))), "an update for an unseen uuid adds it")
    }

    func testResyncAfterReconnectReplaces() {
        var roster = ParticipantRoster([p("a"), p("b"), p("c")])
        roster.apply(.participantSyncBegin)
        roster.apply(.participantCreate(p("b")))
        roster.apply(.participantCreate(p("d")))
        roster.apply(.participantUpdate(p("d", "Dora")))
        roster.apply(.participantCreate(p("e")))
        roster.apply(.participantDelete(uuid: "e"))
        XCTAssertEqual(roster.participants.map(\.uuid), ["a", "b", "c"], "unchanged until sync_end")
        roster.apply(.participantSyncEnd)
        XCTAssertEqual(roster.participants.map(\.uuid), ["b", "d"])
        XCTAssertEqual(roster["d"]?.displayName, "Dora")
        XCTAssertNil(roster["a"])
    }

    func testSyncEndWithoutBeginIsHarmless() {
        var roster = ParticipantRoster([p("a")])
        XCTAssertFalse(roster.apply(.participantSyncEnd))
        XCTAssertEqual(roster.count, 1)
    }
}
