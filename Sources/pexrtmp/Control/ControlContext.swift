import Companion
import Foundation
import PexipClient

/// What a control request works with once joined: the session, its options, its arguments.
struct ControlContext: Sendable {
    let request: ControlRequest
    let arguments: ParsedArguments
    /// The positional values after the request word, checked against the request's arguments.
    let values: [String]
    let joined: JoinedSession

    var client: ConferenceClient { joined.client }
    var wantsJSON: Bool { arguments.flag("json") }

    /// The participant named by the value at `index` (uuid or display name).
    /// - Throws: exit 4 when nobody has that name, exit 2 listing the matches when several do.
    func participant(_ index: Int = 0) async throws -> Participant {
        let query = values[index]
        let everyone = try await client.participants()
        let match = ParticipantResolver.resolve(query, in: everyone)
        switch match {
        case .one(let participant):
            return participant
        case .ambiguous:
            throw CommandFailure(ParticipantResolver.explain(match, query: query, in: everyone)!, status: .usage)
        case .none:
            throw CommandFailure(ParticipantResolver.explain(match, query: query, in: everyone)!, status: .notFound)
        }
    }

    /// Prints `done` when the node answered true; an answer of false is a failure (exit 1).
    func finish(_ accepted: Bool, _ done: String) throws -> ExitStatus {
        guard accepted else {
            throw CommandFailure("the node did not do it (it answered false): \(request.name)", status: .failure)
        }
        Console.out(done)
        return .ok
    }

    static func label(_ participant: Participant) -> String {
        "\(TextTable.printable(participant.displayName ?? "(no name)")) (\(participant.uuid))"
    }
}
