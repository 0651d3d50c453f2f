import Foundation

/// `pexrtmp`: finds the command, parses its options, runs it, maps failures to exit statuses.
@main
struct Entry {
    static let commands: [any Command] = CommandRegistry.all

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let status = await run(arguments)
        exit(status.rawValue)
    }

    static func run(_ arguments: [String]) async -> ExitStatus {
        guard let first = arguments.first else {
            printError(HelpText.tool(commands: commands, version: Version.current))
            return .usage
        }
        switch first {
        case "--help", "-h", "help":
            if arguments.count > 1, let command = commands.first(where: { $0.name == arguments[1] }) {
                print(HelpText.command(command))
            } else {
                print(HelpText.tool(commands: commands, version: Version.current))
            }
            return .ok
        case "--version", "version":
            print("pexrtmp \(Version.current)")
            return .ok
        default:
            break
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            printError("pexrtmp: unknown command \"\(first)\". Run `pexrtmp --help` for the list.")
            return .usage
        }
        let parsed: ParsedArguments
        do {
            parsed = try ParsedArguments(Array(arguments.dropFirst()), options: command.options)
        } catch {
            printError("pexrtmp \(command.name): \(error.message)\nRun `pexrtmp \(command.name) --help` for usage.")
            return .usage
        }
        if parsed.wantsHelp {
            print(HelpText.command(command))
            return .ok
        }
        let interrupts = Interrupts()
        let task = Task { try await command.run(parsed) }
        interrupts.install { task.cancel() }
        do {
            let status = try await task.value
            return interrupts.interrupted && status == .ok ? .ok : status
        } catch let error as UsageError {
            printError("pexrtmp \(command.name): \(error.message)\nRun `pexrtmp \(command.name) --help` for usage.")
            return .usage
        } catch let failure as CommandFailure {
            printError("pexrtmp \(command.name): \(failure.message)")
            return failure.status
        } catch is CancellationError {
            return .interrupted
        } catch {
            let mapped = FailureMapping.map(error)
            printError("pexrtmp \(command.name): \(mapped.message)")
            return mapped.status
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
