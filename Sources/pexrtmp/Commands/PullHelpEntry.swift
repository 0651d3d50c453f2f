import RecorderService

/// `pull` as `pexrtmp --help` lists it. The command itself runs in the lean `pexrtmp` launcher
/// (RecorderService, no Foundation), which never hands `pull` to this executable.
struct PullHelpEntry: Command {
    let name = PullHelp.name
    let summary = PullHelp.summary
    let usage = PullHelp.usage
    let details = PullHelp.details
    let options = PullHelp.options
    let examples = PullHelp.examples

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        throw CommandFailure("`pull` runs in the `pexrtmp` executable: run `pexrtmp pull …`")
    }
}
