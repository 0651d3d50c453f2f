import Foundation

/// Runs `pexrtmp control …` against one conference of the simulated node.
struct ControlRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        var output: String { stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    let node: String
    let conference: String
    var environment: [String: String] = [:]

    func callAsFunction(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let merged = environment.merging(extra) { _, new in new }
        let run = try CommandRun.run(RepositoryPaths.pexrtmp,
                                     ["control"] + arguments + ["--node", node, "--conference", conference],
                                     environment: merged, timeout: 30)
        return Result(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }

    func callAsFunction(_ arguments: String..., environment extra: [String: String] = [:]) throws -> Result {
        try callAsFunction(arguments, environment: extra)
    }
}
