import PexipClient

/// The `dial` request from command-line words: one option per field of the spec's `dial`.
///
/// | option | dial field |
/// | --- | --- |
/// | `--role chair\|guest` | `role` (default guest) |
/// | `--protocol sip\|h323\|rtmp\|mssip\|auto` | `protocol` (default sip) |
/// | `--presentation-url URL` | `presentation_url` |
/// | `--streaming` | `streaming: "yes"` |
/// | `--dtmf-sequence DIGITS` | `dtmf_sequence` |
/// | `--source-display-name NAME` | `source_display_name` |
/// | `--source URI` | `source` |
/// | `--call-type video\|video-only\|audio` | `call_type` |
/// | `--keep-conference-alive always\|if-multiple\|never` | `keep_conference_alive` |
/// | `--remote-display-name NAME` | `remote_display_name` |
/// | `--text TEXT` | `text` |
public enum DialOptions {
    public static let protocols = ["sip", "h323", "rtmp", "mssip", "auto"]
    public static let callTypes = ["video", "video-only", "audio"]
    public static let keepAliveWords: [String: DialRequest.KeepConferenceAlive] = [
        "always": .always, "keep_conference_alive": .always,
        "if-multiple": .ifMultiple, "keep_conference_alive_if_multiple": .ifMultiple,
        "never": .never, "keep_conference_alive_never": .never,
    ]
    public static let roleWords = ["chair", "guest", "host"]
    public static let dtmfCharacters = Set("0123456789*#ABCDabcd")

    /// A word that does not fit its option: the option's name and what it takes.
    public struct Problem: Error, Sendable, Equatable {
        public let message: String
    }

    /// - Parameters:
    ///   - values: option values by option name without dashes (`"call-type": "audio"`).
    ///   - streaming: whether `--streaming` was given.
    public static func request(destination: String, values: [String: String],
                               streaming: Bool) throws(Problem) -> DialRequest {
        func choice(_ name: String, _ allowed: [String]) throws(Problem) -> String? {
            guard let word = values[name] else { return nil }
            guard allowed.contains(word.lowercased()) else {
                throw Problem(message: "--\(name) takes one of \(allowed.joined(separator: ", ")) (got \"\(word)\")")
            }
            return word.lowercased()
        }
        let role = try choice("role", roleWords).map(Role.init(rawValue:)) ?? .guest
        let protocolWord = try choice("protocol", protocols) ?? "sip"
        var request = DialRequest(role: role, destination: destination,
                                  protocol: DialRequest.DialProtocol(rawValue: protocolWord))
        request.presentationURL = values["presentation-url"]
        request.streaming = streaming ? true : nil
        if let digits = values["dtmf-sequence"] {
            guard isDTMF(digits) else {
                throw Problem(message: "--dtmf-sequence takes DTMF digits 0-9, *, # and A-D (got \"\(digits)\")")
            }
            request.dtmfSequence = digits
        }
        request.sourceDisplayName = values["source-display-name"]
        request.source = values["source"]
        request.callType = try choice("call-type", callTypes).flatMap(DialRequest.CallType.init(rawValue:))
        if let word = values["keep-conference-alive"] {
            guard let keep = keepAliveWords[word.lowercased()] else {
                throw Problem(message: "--keep-conference-alive takes always, if-multiple or never (got \"\(word)\")")
            }
            request.keepConferenceAlive = keep
        }
        request.remoteDisplayName = values["remote-display-name"]
        request.text = values["text"]
        return request
    }

    public static func isDTMF(_ digits: String) -> Bool {
        !digits.isEmpty && digits.allSatisfy(dtmfCharacters.contains)
    }

    /// The option names `request(destination:values:streaming:)` reads, besides `--streaming`.
    public static let valueOptions = ["role", "protocol", "presentation-url", "dtmf-sequence", "source-display-name",
                                      "source", "call-type", "keep-conference-alive", "remote-display-name", "text"]
}
