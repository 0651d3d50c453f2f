import Foundation

/// Output folders are checked before joining, so a bad `--out` fails before anyone sees us.
enum OutputCheck {
    static func writableFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("cannot create the output folder \(path): \((error as NSError).localizedFailureReason ?? error.localizedDescription)")
        }
        guard access(path, W_OK | X_OK) == 0 else {
            throw CommandFailure("cannot write to the output folder \(path): permission denied")
        }
    }
}
