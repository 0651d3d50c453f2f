import PexipClient

/// Finds the participant a person meant by a uuid or a display name.
///
/// Tried in order, the first rule with any match decides:
/// 1. the whole uuid (any letter case);
/// 2. the exact display name;
/// 3. the display name ignoring letter case;
/// 4. a uuid prefix of at least ``minimumPrefix`` characters (as people copy them from a table).
/// Two or more matches under the deciding rule are ambiguous.
public enum ParticipantResolver {
    public static let minimumPrefix = 6

    public enum Match: Sendable, Equatable {
        case one(Participant)
        case ambiguous([Participant])
        case none
    }

    public static func resolve(_ query: String, in participants: [Participant]) -> Match {
        let wanted = query.trimmingCharacters(in: .whitespaces)
        guard !wanted.isEmpty else { return .none }
        let lowered = wanted.lowercased()
        let rules: [(Participant) -> Bool] = [
            { $0.uuid.lowercased() == lowered },
            { $0.displayName == wanted },
            { $0.displayName?.lowercased() == lowered },
            { wanted.count >= minimumPrefix && $0.uuid.lowercased().hasPrefix(lowered) },
        ]
        for rule in rules {
            let matches = participants.filter(rule)
            switch matches.count {
            case 0: continue
            case 1: return .one(matches[0])
            default: return .ambiguous(matches)
            }
        }
        return .none
    }

    /// One line saying why `query` named nobody or several participants.
    public static func explain(_ match: Match, query: String, in participants: [Participant]) -> String? {
        switch match {
        case .one:
            return nil
        case .ambiguous(let matches):
            let listed = matches.map(describe).joined(separator: "; ")
            return "\"\(query)\" matches \(matches.count) participants: \(listed); name one by uuid"
        case .none:
            let known = participants.map { $0.displayName ?? $0.uuid }
            let hint = known.isEmpty ? "the conference has no participants"
                : "participants: " + known.prefix(12).joined(separator: ", ") + (known.count > 12 ? ", …" : "")
            return "no participant \"\(query)\" (\(hint))"
        }
    }

    private static func describe(_ participant: Participant) -> String {
        var parts = [participant.uuid]
        if let role = participant.role { parts.append(role.description) }
        if let uri = participant.uri, !uri.isEmpty { parts.append(uri) }
        return "\(participant.displayName ?? "(no name)") (\(parts.joined(separator: ", ")))"
    }
}
