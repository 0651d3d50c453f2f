// The command-line vocabulary (OptionSpec, ParsedArguments, UsageError, DurationText,
// CommandHelp) lives in CommandLineOptions, shared with the lean launcher; every file here sees it.
@_exported import CommandLineOptions

/// A `pexrtmp` subcommand: its help text and how it runs.
protocol Command: Sendable {
    /// The word after `pexrtmp`.
    var name: String { get }
    /// One line for `pexrtmp --help`.
    var summary: String { get }
    /// What follows `pexrtmp NAME` in the usage line.
    var usage: String { get }
    /// A paragraph or two for `pexrtmp NAME --help`.
    var details: String { get }
    var options: [OptionSpec] { get }
    /// Full example command lines.
    var examples: [String] { get }

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus
}

/// Exit statuses a script can rely on.
enum ExitStatus: Int32, Sendable {
    /// Done.
    case ok = 0
    /// The job failed at run time: network, node, media, disk.
    case failure = 1
    /// The command line was wrong.
    case usage = 2
    /// The node refused: wrong or missing PIN, invalid token, a host-only request as a Guest.
    case refused = 3
    /// The conference, participant or call does not exist.
    case notFound = 4
    /// Interrupted by SIGINT/SIGTERM after cleaning up.
    case interrupted = 130
}

/// A run-time failure carrying the status it exits with and a one-line message.
struct CommandFailure: Error, Sendable {
    let status: ExitStatus
    let message: String

    init(_ message: String, status: ExitStatus = .failure) {
        self.message = message
        self.status = status
    }
}
