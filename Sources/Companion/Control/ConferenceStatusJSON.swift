import PexipClient

/// conference_status / conference_update as JSON; absent fields stay absent.
public enum ConferenceStatusJSON {
    public static func object(_ status: ConferenceStatus) -> JSONValue {
        let fields: [String: JSONValue?] = [
            "locked": status.locked.map(JSONValue.bool),
            "guests_muted": status.guestsMuted.map(JSONValue.bool),
            "started": status.started.map(JSONValue.bool),
            "presentation_allowed": status.presentationAllowed.map(JSONValue.bool),
            "live_captions_available": status.liveCaptionsAvailable.map(JSONValue.bool),
        ]
        return .object(fields.compactMapValues { $0 })
    }
}
