/// What `pexrtmp COMMAND --help` shows, and how it is laid out: one renderer for every command,
/// whichever executable runs it.
public struct CommandHelp: Sendable {
    public let name: String
    public let summary: String
    public let usage: String
    public let details: String
    public let options: [OptionSpec]
    public let examples: [String]

    public init(name: String, summary: String, usage: String, details: String, options: [OptionSpec],
                examples: [String]) {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.details = details
        self.options = options
        self.examples = examples
    }

    public var text: String {
        var lines = ["Usage: pexrtmp \(name) \(usage)", "", summary]
        if !details.isEmpty { lines += ["", details] }
        if !options.isEmpty {
            lines += ["", "Options:"]
            lines += Self.optionLines(options)
        }
        lines += ["  " + "--help".padding(Self.optionWidth(options)) + "Show this help."]
        if !examples.isEmpty {
            lines += ["", "Examples:"]
            lines += examples.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    static func optionWidth(_ options: [OptionSpec]) -> Int {
        min(30, (options.map(\.synopsis.count).max() ?? 6) + 2)
    }

    /// `  --name VALUE   help`, long synopses on a line of their own.
    public static func optionLines(_ options: [OptionSpec]) -> [String] {
        let width = optionWidth(options)
        return options.map { option in
            let synopsis = option.synopsis
            if synopsis.count + 2 > width {
                return "  " + synopsis + "\n  " + "".padding(width) + option.help
            }
            return "  " + synopsis.padding(width) + option.help
        }
    }
}

extension String {
    /// Left-aligned in a column `width` wide.
    public func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
