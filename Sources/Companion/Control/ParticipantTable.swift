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
