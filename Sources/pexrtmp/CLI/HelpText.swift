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
        lines += CommandHelp.optionLines(CommonOptions.specs)
        lines += [
            "",
            "Exit status: 0 ok, 1 failure, 2 usage error, 3 refused by the node (PIN, token, role),",
            "4 conference/participant not found, 130 interrupted.",
            "Run `pexrtmp COMMAND --help` for a command's options and examples.",
        ]
        return lines.joined(separator: "\n")
    }

    static func command(_ command: any Command) -> String {
        CommandHelp(name: command.name, summary: command.summary, usage: command.usage, details: command.details,
                    options: command.options, examples: command.examples).text
    }
}
