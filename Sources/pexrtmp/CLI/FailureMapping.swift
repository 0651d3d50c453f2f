/// Maps errors from the layers below to a one-line message and an exit status.
enum FailureMapping {
    static func map(_ error: any Error) -> CommandFailure {
        CommandFailure(String(describing: error), status: .failure)
    }
}
