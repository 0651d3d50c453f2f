import PexipClient

/// `pexrtmp control participants` as a text table:
///
///     NAME   ROLE   STATE         AUDIO  PRESENTING  SPOTLIGHT  UUID
///     Alice  host   conference    on     yes         -          50b956c8-…
public enum ParticipantTable {
    public static let headers = ["NAME", "ROLE", "STATE", "AUDIO", "PRESENTING", "SPOTLIGHT", "RX-PRES", "UUID"]

    /// - Parameter selfUUID: this tool's own participant, marked `(you)`.
    public static func render(_ participants: [Participant], selfUUID: String? = nil) -> String {
        let rows = participants.map { row($0, isSelf: $0.uuid == selfUUID) }
        return TextTable.render(headers: headers, rows: rows)
    }

    static func row(_ participant: Participant, isSelf: Bool) -> [String] {
        let name = TextTable.printable(participant.displayName ?? "(no name)") + (isSelf ? " (you)" : "")
        return [
            name,
            participant.role?.description ?? "-",
            participant.serviceType?.rawValue ?? "-",
            participant.isMuted == true ? "muted" : "on",
            participant.isPresenting == true ? "yes" : "-",
            participant.isSpotlighted ? "yes" : "-",
            participant.canReceivePresentation ? "allow" : "deny",
            participant.uuid,
        ]
    }
}

/// Left-aligned columns separated by two spaces, trailing spaces trimmed.
public enum TextTable {
    public static func render(headers: [String], rows: [[String]]) -> String {
        let all = [headers] + rows
        var widths = [Int](repeating: 0, count: headers.count)
        for row in all {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        return all.map { row in
            var line = ""
            for (index, cell) in row.enumerated() where index < widths.count {
                line += cell
                if index < row.count - 1 {
                    line += String(repeating: " ", count: widths[index] - cell.count + 2)
                }
            }
            return String(line.reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n")
    }

    /// Control characters (an escape sequence in a display name) shown as `?`, so a name
    /// cannot move the cursor or recolour the terminal.
    public static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control ? "?" : scalar
        }))
    }
}
