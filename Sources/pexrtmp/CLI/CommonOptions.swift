import Foundation

/// The options every command that joins a meeting shares, read into plain values.
struct CommonOptions: Sendable {
    static let pinEnvironmentDefault = "PEXRTMP_PIN"

    static let specs: [OptionSpec] = [
        .value("node", "HOST|URL", "Conferencing Node: a host name (HTTPS on 443) or a base URL such as http://127.0.0.1:8080."),
        .value("conference", "ALIAS", "Conference alias to join."),
        .value("name", "NAME", "Display name in the meeting."),
        .value("pin-env", "VAR", "Read the PIN from environment variable VAR (default: \(pinEnvironmentDefault) when set)."),
        .value("pin-file", "FILE", "Read the PIN from the first line of FILE."),
        .value("extension", "ALIAS", "Target conference when the alias is a Virtual Reception."),
        .value("ca-file", "FILE", "Also trust the CA certificate(s) in FILE (PEM) for HTTPS."),
        .flag("insecure", "Skip TLS certificate verification (warns every time)."),
        .value("log-format", "plain|json", "Log lines as plain text (default) or one JSON object per line."),
        .flag("verbose", "More log lines."),
    ]

    let node: String
    let conference: String
    let displayName: String
    let pin: Secret?
    let conferenceExtension: String?
    let caFile: String?
    let insecure: Bool
    let logFormat: LogFormat
    let verbose: Bool

    init(_ arguments: ParsedArguments, defaultName: String,
         environment: [String: String] = ProcessInfo.processInfo.environment) throws(UsageError) {
        node = try arguments.required("node")
        conference = try arguments.required("conference")
        displayName = arguments.value("name") ?? defaultName
        conferenceExtension = arguments.value("extension")
        caFile = arguments.value("ca-file")
        insecure = arguments.flag("insecure")
        verbose = arguments.flag("verbose")
        logFormat = try LogFormat(arguments.choice("log-format", ["plain", "json"]) ?? "plain")
        pin = try Secret.pin(envVariable: arguments.value("pin-env"), file: arguments.value("pin-file"),
                             environment: environment)
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw UsageError("--ca-file \(caFile): no readable file there")
        }
    }
}

enum LogFormat: String, Sendable {
    case plain, json

    init(_ text: String) throws(UsageError) {
        guard let format = LogFormat(rawValue: text) else { throw UsageError("unknown log format \(text)") }
        self = format
    }
}
