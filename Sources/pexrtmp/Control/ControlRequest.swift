import PexipClient

/// One `pexrtmp control` request: its words, help, options and what it does once joined.
struct ControlRequest: Sendable {
    /// A positional argument after the request word.
    enum Argument: Sendable {
        /// A participant by uuid or display name.
        case participant
        /// Free text, one word (quote it for spaces).
        case value(String)
        /// One of a few words.
        case choice(String, [String])
        /// Every remaining word, joined by spaces (chat text).
        case rest(String)

        var placeholder: String {
            switch self {
            case .participant: return "PARTICIPANT"
            case .value(let name), .rest(let name): return name
            case .choice(_, let words): return words.joined(separator: "|")
            }
        }
    }

    let name: String
    let summary: String
    let arguments: [Argument]
    let details: String
    let options: [OptionSpec]
    let examples: [String]
    /// Checks what can be checked before joining (option values, digits).
    let check: @Sendable (ParsedArguments) throws(UsageError) -> Void
    let perform: @Sendable (ControlContext) async throws -> ExitStatus

    init(_ name: String, _ summary: String, arguments: [Argument] = [], details: String = "",
         options: [OptionSpec] = [], examples: [String],
         check: @escaping @Sendable (ParsedArguments) throws(UsageError) -> Void = { _ throws(UsageError) in },
         perform: @escaping @Sendable (ControlContext) async throws -> ExitStatus) {
        self.name = name
        self.summary = summary
        self.arguments = arguments
        self.details = details
        self.options = options
        self.examples = examples
        self.check = check
        self.perform = perform
    }

    var usage: String {
        ([name] + arguments.map(\.placeholder) + ["--node HOST", "--conference ALIAS", "[OPTIONS]"])
            .joined(separator: " ")
    }

    /// The words after the request name, checked against ``arguments``.
    func values(_ words: [String]) throws(UsageError) -> [String] {
        var values: [String] = []
        for (index, argument) in arguments.enumerated() {
            if case .rest(let label) = argument {
                let rest = words.dropFirst(index)
                guard !rest.isEmpty else { throw UsageError("\(name) needs \(label)") }
                values.append(rest.joined(separator: " "))
                return values
            }
            guard index < words.count else { throw UsageError("\(name) needs \(argument.placeholder)") }
            let word = words[index]
            if case .choice(_, let allowed) = argument, !allowed.contains(word.lowercased()) {
                throw UsageError("\(name): expected \(argument.placeholder), got \"\(word)\"")
            }
            values.append(argument.isChoice ? word.lowercased() : word)
        }
        if words.count > arguments.count {
            throw UsageError("\(name): unexpected \"\(words[arguments.count])\" (quote text that has spaces)")
        }
        return values
    }
}

extension ControlRequest.Argument {
    var isChoice: Bool {
        if case .choice = self { return true }
        return false
    }
}
