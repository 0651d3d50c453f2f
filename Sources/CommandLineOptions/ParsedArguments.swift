/// A command line split into options and positional arguments, checked against the command's
/// option list. Values stay strings; commands convert them with the typed accessors.
public struct ParsedArguments: Sendable {
    public private(set) var values: [String: [String]] = [:]
    public private(set) var flags: Set<String> = []
    public private(set) var positionals: [String] = []

    public init(_ arguments: [String], options: [OptionSpec]) throws(UsageError) {
        let byName = Dictionary(options.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("--") || argument == "-" {
                if !onlyPositionals, argument.hasPrefix("-"), argument != "-", argument.count > 1 {
                    if argument == "-h" { flags.insert("help"); continue }
                    if argument != "-o" { throw UsageError("unknown option \(argument)") }
                }
                if argument == "-o" {
                    // `-o FILE` is the one short option, an alias of --output.
                    guard index < arguments.count else { throw UsageError("-o needs a value") }
                    values["output", default: []].append(arguments[index])
                    index += 1
                    continue
                }
                positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if name == "help" { flags.insert("help"); continue }
            guard let spec = byName[name] else { throw UsageError("unknown option --\(name)") }
            if !spec.takesValue {
                if inlineValue != nil { throw UsageError("--\(name) takes no value") }
                flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw UsageError("--\(name) needs a value") }
                value = arguments[index]
                index += 1
            }
            if case .value = spec.kind, values[name] != nil {
                throw UsageError("--\(name) given twice")
            }
            values[name, default: []].append(value)
        }
    }

    public var wantsHelp: Bool { flags.contains("help") }

    public func flag(_ name: String) -> Bool { flags.contains(name) }

    public func value(_ name: String) -> String? { values[name]?.last }

    public func all(_ name: String) -> [String] { values[name] ?? [] }

    public func required(_ name: String) throws(UsageError) -> String {
        guard let value = value(name), !value.isEmpty else { throw UsageError("--\(name) is required") }
        return value
    }

    /// A duration such as `90`, `90s`, `1.5s`, `500ms`, `10m`, `1h`.
    public func duration(_ name: String) throws(UsageError) -> Double? {
        guard let text = value(name) else { return nil }
        guard let seconds = DurationText.seconds(text), seconds > 0 else {
            throw UsageError("--\(name) takes a duration such as 30s, 500ms, 10m or 1h (got \"\(text)\")")
        }
        return seconds
    }

    public func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("--\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound) (got \"\(text)\")")
        }
        return number
    }

    public func number(_ name: String, in range: ClosedRange<Double>) throws(UsageError) -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = Double(text), range.contains(number) else {
            throw UsageError("--\(name) takes a number from \(range.lowerBound) to \(range.upperBound) (got \"\(text)\")")
        }
        return number
    }

    /// One of a fixed set of words.
    public func choice(_ name: String, _ allowed: [String]) throws(UsageError) -> String? {
        guard let text = value(name) else { return nil }
        guard allowed.contains(text) else {
            throw UsageError("--\(name) takes one of \(allowed.joined(separator: ", ")) (got \"\(text)\")")
        }
        return text
    }
}

/// A mistake in how the command was called: printed with a pointer to `--help`, exit status 2.
public struct UsageError: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
