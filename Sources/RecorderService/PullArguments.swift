import CommandLineOptions

/// `pexrtmp pull`'s command line, parsed by the same parser as every other pexrtmp command.
struct PullArguments {
    var inputs: [String] = []
    var output = "recordings"
    var segmentSeconds = 60.0
    var partSeconds = 1.0
    var duration: Double?
    var jsonLog = false
    var verbose = false
    var wantsHelp = false

    init(_ arguments: [String]) throws(UsageError) {
        let parsed = try ParsedArguments(arguments, options: PullHelp.options)
        wantsHelp = parsed.wantsHelp
        if wantsHelp { return }
        inputs = parsed.positionals
        output = parsed.value("out") ?? output
        segmentSeconds = try parsed.duration("segment") ?? segmentSeconds
        partSeconds = try parsed.duration("part") ?? partSeconds
        duration = try parsed.duration("duration")
        jsonLog = try parsed.choice("log-format", ["plain", "json"]) == "json"
        verbose = parsed.flag("verbose")
        guard !inputs.isEmpty else { throw UsageError("give at least one RTMP URL or file") }
    }
}
