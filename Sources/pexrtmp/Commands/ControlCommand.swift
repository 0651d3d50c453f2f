import Companion
import Foundation
import PexipClient

/// `pexrtmp control REQUEST …`: joins, makes one request of the client API, prints its result,
/// releases the token.
///
/// Entry prints help and checks options before ``run(_:)``; so that `pexrtmp control mute --help`
/// shows the help and options of `mute`, the request is picked from the command line when the
/// command is made (``init(commandLine:)``).
struct ControlCommand: Command {
    /// The request named on the command line, if any.
    let selected: ControlRequest?

    init(commandLine: [String] = CommandLine.arguments) {
        let words = Array(commandLine.dropFirst())
        if let index = words.firstIndex(of: "control"), index + 1 < words.count {
            selected = ControlRequests.named(words[index + 1])
        } else {
            selected = nil
        }
    }

    let name = "control"
    let summary = "Run one request on a meeting (lock, mute, dial, transfer…) and print its result."

    var usage: String {
        selected.map(\.usage) ?? "REQUEST [ARGUMENTS] --node HOST --conference ALIAS [OPTIONS]"
    }

    var details: String {
        if let selected {
            var text = selected.summary
            if !selected.details.isEmpty { text += "\n\n" + selected.details }
            if selected.arguments.contains(where: { if case .participant = $0 { true } else { false } }) {
                text += "\n\nPARTICIPANT is a uuid (or its first \(ParticipantResolver.minimumPrefix)+ characters) or a display"
                    + "\nname; a name several participants share is an error that lists them."
            }
            return text + "\n\n" + ControlCommand.joiningNote
        }
        let width = (ControlRequests.all.map { $0.name.count }.max() ?? 0) + 2
        let lines = ControlRequests.all.map { "  " + $0.name.padding(width) + $0.summary }
        return (["Requests:"] + lines + ["", "Run `pexrtmp control REQUEST --help` for a request's arguments and options.",
                                          "", ControlCommand.joiningNote]).joined(separator: "\n")
    }

    static let joiningNote = """
        The tool joins as a participant without media (display name "pexrtmp control" unless --name),
        makes the request, and releases its token. Most requests need Host rights: give the Host PIN.
        Exit status: 0 done, 1 failed, 2 usage, 3 refused by the node (PIN, Guest asking a Host-only
        request, locked conference), 4 conference or participant not found.
        """

    var options: [OptionSpec] {
        if let selected { return selected.options + CommonOptions.specs }
        // No request named yet: accept every option so the run can say what is missing.
        var seen = Set<String>()
        let every = ControlRequests.all.flatMap(\.options) + CommonOptions.specs
        return every.filter { seen.insert($0.name).inserted }
    }

    var examples: [String] {
        selected?.examples ?? [
            "PEXRTMP_PIN=1234 " + ControlRequests.example("participants"),
            ControlRequests.example("mute \"Bob Smith\""),
            ControlRequests.example("lock"),
        ]
    }

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        guard let word = arguments.positionals.first else {
            throw UsageError("name a request: " + ControlRequests.all.map(\.name).joined(separator: ", "))
        }
        guard let request = ControlRequests.named(word) else {
            throw UsageError("unknown request \"\(word)\"; one of: " + ControlRequests.all.map(\.name).joined(separator: ", "))
        }
        let allowed = Set((request.options + CommonOptions.specs).map(\.name))
        if let stray = arguments.values.keys.first(where: { !allowed.contains($0) })
            ?? arguments.flags.first(where: { $0 != "help" && !allowed.contains($0) }) {
            throw UsageError("\(request.name) takes no --\(stray)")
        }
        let values = try request.values(Array(arguments.positionals.dropFirst()))
        try request.check(arguments)
        let common = try CommonOptions(arguments, defaultName: "pexrtmp control")
        let joining = try Joining(common, libraryLevel: .warning)
        return try await joining.withSession { joined in
            if joined.isWaiting {
                throw CommandFailure(
                    "\"\(common.conference)\" is locked: this Guest waits in the waiting room until a Host admits it",
                    status: .refused)
            }
            let context = ControlContext(request: request, arguments: arguments, values: values, joined: joined)
            do {
                return try await request.perform(context)
            } catch let error as PexipError {
                throw ControlCommand.explain(error, request: request, joined: joined)
            }
        }
    }

    /// Adds what the request and this session's role were to the node's refusal.
    static func explain(_ error: PexipError, request: ControlRequest, joined: JoinedSession) -> any Error {
        guard case .refused(let reason) = error else { return error }
        var message = "\(request.name): refused by the node: \(reason)"
        if joined.grant.role == .guest {
            message += " (joined as a Guest; Host-only requests need the Host PIN)"
        }
        return CommandFailure(message, status: .refused)
    }
}
