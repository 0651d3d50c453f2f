import Foundation

/// A PIN or similar: never printed, never put in a process argument or a file name.
struct Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let value: String

    var description: String { "<redacted>" }
    var debugDescription: String { "<redacted>" }

    /// Reads a PIN from `--pin-env VAR`, `--pin-file FILE`, or the default environment variable.
    static func pin(envVariable: String?, file: String?, environment: [String: String]) throws(UsageError) -> Secret? {
        if envVariable != nil, file != nil {
            throw UsageError("give --pin-env or --pin-file, not both")
        }
        if let envVariable {
            guard let value = environment[envVariable], !value.isEmpty else {
                throw UsageError("--pin-env \(envVariable): that environment variable is not set")
            }
            return Secret(value: value.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        if let file {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw UsageError("--pin-file \(file): cannot read it")
            }
            let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let pin = firstLine.trimmingCharacters(in: .whitespaces)
            guard !pin.isEmpty else { throw UsageError("--pin-file \(file): the file is empty") }
            return Secret(value: pin)
        }
        if let value = environment[CommonOptions.pinEnvironmentDefault], !value.isEmpty {
            return Secret(value: value.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return nil
    }
}
