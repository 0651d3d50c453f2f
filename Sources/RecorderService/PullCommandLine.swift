import CommandLineOptions
import Glibc
import RTMPMedia

/// `pexrtmp pull ARGUMENTS…`: parses, checks the inputs and the output folder, runs the job,
/// prints a summary; returns the exit status (0 ok, 1 failure, 2 usage error, 130 interrupted).
public enum PullCommandLine {
    public static func run(_ arguments: [String]) -> Int32 {
        let parsed: PullArguments
        do {
            parsed = try PullArguments(arguments)
        } catch {
            printError("pexrtmp pull: \(error.message)\nRun `pexrtmp pull --help` for usage.")
            return 2
        }
        if parsed.wantsHelp {
            PullLog.write(PullHelp.help.text + "\n", to: 1)
            return 0
        }
        do {
            try check(parsed)
        } catch let failure as UsageError {
            printError("pexrtmp pull: \(failure.message)\nRun `pexrtmp pull --help` for usage.")
            return 2
        } catch {
            printError("pexrtmp pull: \((error as? PullFailure)?.message ?? "\(error)")")
            return 1
        }

        let signals = StopSignals()  // before any thread starts
        let log = PullLog(json: parsed.jsonLog, verbose: parsed.verbose)
        MediaLog.setSink(threshold: parsed.verbose ? .warning : .error) { level, source, message in
            log.log(level == .error ? .warning : .debug, "[\(source)] \(message)")
        }
        let ending: PullJob.Ending
        let results: [PullJob.Result]
        do {
            (ending, results) = try PullJob(arguments: parsed, log: log).run(signals: signals)
        } catch {
            printError("pexrtmp pull: \(error.message)")
            return 1
        }
        var empty: [PullJob.Result] = []
        for result in results {
            log.info("done", [("source", result.source.input), ("segments", String(result.segments)),
                              ("seconds", oneDecimal(result.seconds))])
            if result.segments == 0 { empty.append(result) }
        }
        if ending == .interrupted { return 130 }
        guard let first = empty.first else { return 0 }
        if let why = first.failure {
            let more = empty.count > 1 ? " (and \(empty.count - 1) more source(s), see the log above)" : ""
            printError("pexrtmp pull: \(first.source.input): \(why)\(more)")
        } else {
            printError("pexrtmp pull: nothing was recorded from at least one source (see the log above)")
        }
        return 1
    }

    /// Inputs and the output folder, checked before anything starts.
    private static func check(_ arguments: PullArguments) throws {
        for input in arguments.inputs {
            if input.contains("://") {
                let lower = input.lowercased()
                guard lower.hasPrefix("rtmp://") || lower.hasPrefix("rtmps://") else {
                    throw UsageError("\(input): only rtmp:// and rtmps:// URLs (or local files) can be pulled")
                }
            } else {
                var info = stat()
                guard access(input, R_OK) == 0, stat(input, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else {
                    throw PullFailure("\(input): no readable file there")
                }
            }
        }
        let out = arguments.output
        do {
            try FileWrite.createFolder(out)
        } catch {
            throw PullFailure("cannot create the output folder \(out): \(String(cString: strerror(error.code)))")
        }
        guard access(out, W_OK | X_OK) == 0 else {
            throw PullFailure("cannot write to the output folder \(out): permission denied")
        }
    }

    static func printError(_ text: String) {
        PullLog.write(text + "\n", to: 2)
    }
}
