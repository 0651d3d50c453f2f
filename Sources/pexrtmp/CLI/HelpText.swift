/// Renders `pexrtmp --help` and `pexrtmp NAME --help`.
enum HelpText {
    static func tool(commands: [any Command], version: String) -> String {
        let width = (commands.map(\.name.count).max() ?? 0) + 2
        var lines = [
            "pexrtmp \(version): record, inject and archive Pexip Infinity meetings over RTMP.",
            "",
            "Usage: pexrtmp COMMAND [OPTIONS]",
            "",
            "Commands:",
        ]
        for command in commands {
            lines.append("  " + command.name.padding(width) + command.summary)
        }
        lines += [
            "",
            "Options common to commands that join a meeting:",
        ]
        lines += optionLines(CommonOptions.specs)
        lines += [
            "",
            "Exit status: 0 ok, 1 failure, 2 usage error, 3 refused by the node (PIN, token, role),",
            "4 conference/participant not found, 130 interrupted.",
            "Run `pexrtmp COMMAND --help` for a command's options and examples.",
        ]
        return lines.joined(separator: "\n")
    }

    static func command(_ command: any Command) -> String {
        var lines = ["Usage: pexrtmp \(command.name) \(command.usage)", "", command.summary]
        if !command.details.isEmpty { lines += ["", command.details] }
        if !command.options.isEmpty {
            lines += ["", "Options:"]
            lines += optionLines(command.options)
        }
        lines += ["  " + "--help".padding(optionWidth(command.options)) + "Show this help."]
        if !command.examples.isEmpty {
            lines += ["", "Examples:"]
            lines += command.examples.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    private static func optionWidth(_ options: [OptionSpec]) -> Int {
        min(30, (options.map(\.synopsis.count).max() ?? 6) + 2)
    }

    private static func optionLines(_ options: [OptionSpec]) -> [String] {
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
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
