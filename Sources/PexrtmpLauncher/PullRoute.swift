import RecorderService

/// Which command lines the launcher runs itself.
enum PullRoute {
    /// The arguments of `pull` for `pexrtmp pull …`, and `--help` for `pexrtmp help pull` /
    /// `pexrtmp --help pull`; nil for everything else.
    static func pullArguments(_ arguments: [String]) -> [String]? {
        guard let first = arguments.first else { return nil }
        if first == PullHelp.name { return Array(arguments.dropFirst()) }
        if ["--help", "-h", "help"].contains(first), arguments.count > 1, arguments[1] == PullHelp.name {
            return ["--help"]
        }
        return nil
    }
}
