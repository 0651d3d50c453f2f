import Companion
import PexipClient

/// `control dial`: every field of the spec's `dial` request as an option.
extension ControlRequests {
    static let dial = ControlRequest(
        "dial", "Dial out from the conference to an endpoint (Host only); prints the new participant uuid(s).",
        arguments: [.value("DESTINATION")],
        details: """
            The dialled participant appears at once with state "connecting" and changes to
            "conference" when it answers. Options map one to one onto the spec's dial fields.
            """,
        options: [
            .value("protocol", "sip|h323|rtmp|mssip|auto", "How to place the call (default sip; auto uses Call Routing Rules)."),
            .value("role", "chair|guest", "The dialled participant's role (default guest)."),
            .value("presentation-url", "URL", "RTMP only: send the presentation to this separate RTMP URL."),
            .flag("streaming", "Mark the participant as a streaming/recording device (streaming: yes)."),
            .value("dtmf-sequence", "DIGITS", "DTMF to send once the call starts."),
            .value("source-display-name", "NAME", "The calling display name."),
            .value("source", "URI", "The source URI (must be valid for the conference)."),
            .value("call-type", "video|video-only|audio", "Limit the call's media (default video)."),
            .value("keep-conference-alive", "always|if-multiple|never",
                   "Whether the conference outlives the others with this participant in it."),
            .value("remote-display-name", "NAME", "A friendly name for the participant list."),
            .value("text", "TEXT", "Overlay text used instead of the remote display name."),
            jsonOption,
        ],
        examples: [
            example("dial sip:bob@example.com --role guest --remote-display-name Bob"),
            example("dial rtmp://live.example.com/app/key --protocol rtmp --streaming --call-type video-only"),
        ],
        check: { arguments throws(UsageError) in _ = try dialRequest(destination: "check", arguments) }
    ) { context in
        let request = try dialRequest(destination: context.values[0], context.arguments)
        let uuids = try await context.client.dial(request)
        if context.wantsJSON {
            Console.out(JSONLine.encode(.array(uuids.map(JSONValue.string))))
        } else {
            for uuid in uuids { Console.out(uuid) }
        }
        return .ok
    }

    static func dialRequest(destination: String, _ arguments: ParsedArguments) throws(UsageError) -> DialRequest {
        var values: [String: String] = [:]
        for name in DialOptions.valueOptions { values[name] = arguments.value(name) }
        do {
            return try DialOptions.request(destination: destination, values: values, streaming: arguments.flag("streaming"))
        } catch {
            throw UsageError(error.message)
        }
    }

    /// `--role chair|guest` (`host` is taken as chair).
    static func roleOption(_ arguments: ParsedArguments) throws(UsageError) -> Role? {
        guard let word = try arguments.choice("role", ["chair", "guest", "host"]) else { return nil }
        return Role(rawValue: word)
    }

    static func checkDigits(_ digits: String, option: String) throws(UsageError) {
        guard DialOptions.isDTMF(digits) else {
            throw UsageError("\(option) takes DTMF digits 0-9, *, # and A-D (got \"\(digits)\")")
        }
    }
}
