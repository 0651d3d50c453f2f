import PexipClient

/// A participant as a JSON object for scripts: the node's field names, with its `"YES"`/`"NO"`
/// flags turned into real booleans and the role as `"chair"`/`"guest"`. Absent fields stay absent.
public enum ParticipantJSON {
    public static func object(_ participant: Participant) -> JSONValue {
        var fields: [String: JSONValue] = ["uuid": .string(participant.uuid)]
        func text(_ key: String, _ value: String?) {
            if let value { fields[key] = .string(value) }
        }
        func flag(_ key: String, _ value: Bool?) {
            if let value { fields[key] = .bool(value) }
        }
        func number(_ key: String, _ value: Double?) {
            if let value { fields[key] = .number(value) }
        }
        text("display_name", participant.displayName)
        text("role", participant.role?.requestValue)
        text("service_type", participant.serviceType?.rawValue)
        text("call_direction", participant.callDirection)
        text("protocol", participant.protocol)
        text("uri", participant.uri)
        text("local_alias", participant.localAlias)
        text("overlay_text", participant.overlayText)
        text("encryption", participant.encryption)
        text("rx_presentation_policy", participant.rxPresentationPolicy)
        text("vendor", participant.vendor)
        text("api_url", participant.apiURL)
        text("call_tag", participant.callTag)
        flag("is_muted", participant.isMuted)
        flag("is_video_muted", participant.isVideoMuted)
        flag("is_client_muted", participant.isClientMuted)
        flag("is_presenting", participant.isPresenting)
        flag("has_media", participant.hasMedia)
        flag("is_audio_only_call", participant.isAudioOnlyCall)
        flag("is_video_call", participant.isVideoCall)
        flag("is_external", participant.isExternal)
        flag("is_streaming_conference", participant.isStreamingConference)
        flag("is_held", participant.isHeld)
        flag("is_recording", participant.isRecording)
        flag("presentation_supported", participant.presentationSupported)
        number("spotlight", participant.spotlight)
        number("start_time", participant.startTime)
        number("buzz_time", participant.buzzTime)
        return .object(fields)
    }
}
