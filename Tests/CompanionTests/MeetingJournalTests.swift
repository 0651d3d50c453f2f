import PexipClient
import XCTest
@testable import Companion

final class MeetingJournalTests: XCTestCase {
    private func person(_ uuid: String, _ name: String, muted: Bool = false) -> Participant {
        var participant = Participant(uuid: uuid, displayName: name, role: .guest)
        participant.isMuted = muted
        return participant
    }

    func testInitialSyncReportsEveryoneButUsAsJoined() {
        var journal = MeetingJournal(selfUUID: "me")
        XCTAssertEqual(journal.apply(.participantSyncBegin), [])
        XCTAssertEqual(journal.apply(.participantCreate(person("me", "Recorder"))), [])
        XCTAssertEqual(journal.apply(.participantCreate(person("a", "Alice"))), [])
        let entries = journal.apply(.participantSyncEnd)
        XCTAssertEqual(entries.map(\.event), ["participant_join"])
        XCTAssertEqual(entries.first?.fields["name"], "Alice")
        XCTAssertEqual(journal.others.map(\.uuid), ["a"])
    }

    func testResyncAfterReconnectReportsOnlyRealChanges() {
        var journal = MeetingJournal(selfUUID: "me")
        for event: ConferenceEvent in [.participantSyncBegin, .participantCreate(person("a", "Alice")),
                                       .participantCreate(person("b", "Bob")), .participantSyncEnd] {
            _ = journal.apply(event)
        }
        // Reconnected: Bob left and Carol joined while the stream was down.
        _ = journal.apply(.participantSyncBegin)
        _ = journal.apply(.participantCreate(person("a", "Alice")))
        _ = journal.apply(.participantCreate(person("c", "Carol")))
        let entries = journal.apply(.participantSyncEnd)
        XCTAssertEqual(Set(entries.map { "\($0.event) \($0.fields["name"] ?? "")" }),
                       ["participant_join Carol", "participant_leave Bob"])
    }

    func testMuteChatPresentationAndDisconnect() {
        var journal = MeetingJournal(selfUUID: nil)
        _ = journal.apply(.participantCreate(person("a", "Alice")))
        XCTAssertEqual(journal.apply(.participantUpdate(person("a", "Alice", muted: true))).map(\.event),
                       ["participant_muted"])
        XCTAssertEqual(journal.apply(.participantDelete(uuid: "a")).map(\.event), ["participant_leave"])
        let chat = journal.apply(.message(ChatMessage(origin: "Bob", uuid: "b", payload: "hi")))
        XCTAssertEqual(chat, [.init("chat", ["text": "hi", "from": "Bob", "uuid": "b"])])
        let start = journal.apply(.presentationStart(PresentationStart(presenterName: "Bob", presenterUUID: "b")))
        XCTAssertEqual(start.first?.fields["presenter_name"], "Bob")
        XCTAssertEqual(journal.apply(.presentationStop).map(\.event), ["presentation_stop"])
        XCTAssertEqual(journal.apply(.conferenceUpdate(ConferenceStatus(locked: true, guestsMuted: false))).map(\.event),
                       ["conference_update"])
        XCTAssertEqual(journal.apply(.conferenceUpdate(ConferenceStatus(locked: true, guestsMuted: false))), [])
        XCTAssertEqual(journal.apply(.disconnect(reason: "ended")), [.init("disconnected", ["reason": "ended"])])
    }
}
