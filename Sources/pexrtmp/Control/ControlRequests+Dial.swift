import Companion
import PexipClient

/// `control dial`: every field of the spec's `dial` request as an option.
extension ControlRequests {
    static let dialProtocols = ["sip", "h323", "rtmp", "mssip", "auto"]
    static let callTypes = ["video", "video-only", "audio"]
    static let keepAliveWords: [String: DialRequest.KeepConferenceAlive] = [
        "always": .always, "keep_conference_alive": .always,
        "if-multiple": .ifMultiple, "keep_conference_alive_if_multiple": .ifMultiple,
        "never": .never, "keep_conference_alive_never": .never,
    ]

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
        let protocolWord = try arguments.choice("protocol", dialProtocols) ?? "sip"
        let role = try roleOption(arguments) ?? .guest
        var request = DialRequest(role: role, destination: destination,
                                  protocol: DialRequest.DialProtocol(rawValue: protocolWord))
        request.presentationURL = arguments.value("presentation-url")
        request.streaming = arguments.flag("streaming") ? true : nil
        if let digits = arguments.value("dtmf-sequence") {
            try checkDigits(digits, option: "--dtmf-sequence")
            request.dtmfSequence = digits
        }
        request.sourceDisplayName = arguments.value("source-display-name")
        request.source = arguments.value("source")
        request.callType = try arguments.choice("call-type", callTypes).flatMap(DialRequest.CallType.init(rawValue:))
        if let word = arguments.value("keep-conference-alive") {
            guard let keep = keepAliveWords[word] else {
                throw UsageError("--keep-conference-alive takes always, if-multiple or never (got \"\(word)\")")
            }
            request.keepConferenceAlive = keep
        }
        request.remoteDisplayName = arguments.value("remote-display-name")
        request.text = arguments.value("text")
        return request
    }

    /// `--role chair|guest` (`host` is taken as chair).
    static func roleOption(_ arguments: ParsedArguments) throws(UsageError) -> Role? {
        guard let word = try arguments.choice("role", ["chair", "guest", "host"]) else { return nil }
        return Role(rawValue: word)
    }

    static let dtmfCharacters = Set("0123456789*#ABCDabcd")

    static func checkDigits(_ digits: String, option: String) throws(UsageError) {
        guard !digits.isEmpty, digits.allSatisfy(dtmfCharacters.contains) else {
            throw UsageError("\(option) takes DTMF digits 0-9, *, # and A-D (got \"\(digits)\")")
        }
    }
}
