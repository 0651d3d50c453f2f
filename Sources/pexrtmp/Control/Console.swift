import Foundation

/// Unbuffered writes to standard output and error: each line leaves at once, so a pipe into
/// `jq` or a test reading the output sees every event as it happens.
enum Console {
    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func err(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Raw text to standard output (terminal control sequences, no newline added).
    static func raw(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}
