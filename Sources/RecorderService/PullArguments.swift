/// `pexrtmp pull`'s command line, parsed the way the rest of pexrtmp parses options:
/// `--name VALUE` or `--name=VALUE`, `--` ends options, `-h`/`--help` anywhere asks for help.
struct PullArguments {
    struct UsageError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    var inputs: [String] = []
    var output = "recordings"
    var segmentSeconds = 60.0
    var partSeconds = 1.0
    var duration: Double?
    var jsonLog = false
    var verbose = false
    var wantsHelp = false

    init(_ arguments: [String]) throws(UsageError) {
        var values: [String: String] = [:]
        var index = 0
        var onlyInputs = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyInputs || argument == "-" || !argument.hasPrefix("-") {
                inputs.append(argument)
                continue
            }
            if argument == "--" { onlyInputs = true; continue }
            if argument == "-h" || argument == "--help" { wantsHelp = true; continue }
            guard argument.hasPrefix("--") else { throw UsageError("unknown option \(argument)") }
            var name = String(argument.dropFirst(2))
            var inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let spec = PullHelp.options.first(where: { $0.name == name }) else {
                throw UsageError("unknown option --\(name)")
            }
            if spec.placeholder == nil {
                if inline != nil { throw UsageError("--\(name) takes no value") }
                if name == "verbose" { verbose = true }
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else {
                guard index < arguments.count else { throw UsageError("--\(name) needs a value") }
                value = arguments[index]
                index += 1
            }
            if values[name] != nil { throw UsageError("--\(name) given twice") }
            values[name] = value
        }
        if wantsHelp { return }
        if let out = values["out"] { output = out }
        segmentSeconds = try Self.duration("segment", values["segment"]) ?? segmentSeconds
        partSeconds = try Self.duration("part", values["part"]) ?? partSeconds
        duration = try Self.duration("duration", values["duration"])
        switch values["log-format"] {
        case nil, "plain": jsonLog = false
        case "json": jsonLog = true
        case let other?: throw UsageError("--log-format takes one of plain, json (got \"\(other)\")")
        }
        guard !inputs.isEmpty else { throw UsageError("give at least one RTMP URL or file") }
    }

    private static func duration(_ name: String, _ text: String?) throws(UsageError) -> Double? {
        guard let text else { return nil }
        guard let seconds = DurationText.seconds(text), seconds > 0 else {
            throw UsageError("--\(name) takes a duration such as 30s, 500ms, 10m or 1h (got \"\(text)\")")
        }
        return seconds
    }
}

/// Durations as users type them: `45`, `45s`, `1.5s`, `250ms`, `10m`, `2h`, `1h30m`.
enum DurationText {
    static func seconds(_ text: String) -> Double? {
        let units: [(suffix: String, scale: Double)] = [("ms", 0.001), ("h", 3600), ("m", 60), ("s", 1)]
        var rest = Substring(text)
        while rest.first == " " { rest.removeFirst() }
        while rest.last == " " { rest.removeLast() }
        guard !rest.isEmpty else { return nil }
        if let plain = Double(rest) { return plain }
        var total = 0.0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            guard !digits.isEmpty, let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.suffix) }) else { return nil }
            rest = rest.dropFirst(unit.suffix.count)
            total += value * unit.scale
        }
        return total
    }
}
