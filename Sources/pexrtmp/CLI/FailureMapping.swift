import Foundation
import PexipClient

/// Maps errors from the layers below to a one-line message and an exit status.
///
/// Statuses: 3 when the node refused (PIN, token, a Host-only request as a Guest), 4 when the
/// conference or participant does not exist, 2 when an option cannot work as given, 1 for the
/// rest. Messages never carry a token or a PIN: the client's texts are already safe, and every
/// message is scrubbed once more against the secrets this process has read.
enum FailureMapping {
    static func map(_ error: any Error) -> CommandFailure {
        let mapped: CommandFailure
        switch error {
        case let failure as CommandFailure:
            mapped = failure
        case let usage as UsageError:
            mapped = CommandFailure(usage.message, status: .usage)
        case is CancellationError:
            mapped = CommandFailure("interrupted", status: .interrupted)
        case let pexip as PexipError:
            mapped = map(pexip)
        default:
            mapped = CommandFailure(oneLine(String(describing: error)), status: .failure)
        }
        return CommandFailure(KnownSecrets.scrub(mapped.message), status: mapped.status)
    }

    static func map(_ error: PexipError) -> CommandFailure {
        switch error {
        case .pinRequired:
            return CommandFailure(
                "\(error); give it with --pin-env VAR, --pin-file FILE or \(CommonOptions.pinEnvironmentDefault)",
                status: .refused)
        case .invalidPIN:
            return CommandFailure("\(error) (check --pin-env / --pin-file)", status: .refused)
        case .virtualReception:
            return CommandFailure(
                "\(error): add --extension ALIAS with the conference to reach", status: .usage)
        case .invalidToken, .refused:
            return CommandFailure(oneLine(error.description), status: .refused)
        case .conferenceNotFound:
            return CommandFailure(error.description, status: .notFound)
        case .http(let status, _) where status == 404:
            return CommandFailure("not found: \(oneLine(error.description))", status: .notFound)
        case .invalidNode, .tlsUnsupported:
            return CommandFailure(oneLine(error.description), status: .usage)
        case .http, .failure, .transport, .badResponse, .notJoined, .released, .tokenExpired, .tooLarge:
            return CommandFailure(oneLine(error.description), status: .failure)
        }
    }

    /// Node texts can hold line breaks; a failure is one line.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// The PINs this process has read (from `--pin-env`, `--pin-file`, `--transfer-pin-env`…), so a
/// failure message that somehow echoes one prints `<redacted>` instead.
enum KnownSecrets {
    private static let store = Store()

    static func remember(_ secret: Secret?) {
        guard let value = secret?.value, !value.isEmpty else { return }
        store.add(value)
    }

    static func scrub(_ text: String) -> String {
        Redaction.scrub(text, secrets: store.values)
    }

    private final class Store: @unchecked Sendable {
        private let lock = NSLock()
        private var secrets: Set<String> = []

        func add(_ value: String) {
            lock.lock()
            defer { lock.unlock() }
            secrets.insert(value)
        }

        var values: [String] {
            lock.lock()
            defer { lock.unlock() }
            // Longest first, so a PIN inside another is not half-replaced.
            return secrets.sorted { $0.count > $1.count }
        }
    }
}
