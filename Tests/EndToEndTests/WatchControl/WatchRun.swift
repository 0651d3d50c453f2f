import Foundation
import XCTest

/// A `pexrtmp watch --json` running beside the test, its output read as it grows.
final class WatchRun: @unchecked Sendable {
    let run: CommandRun

    init(node: String, conference: String, environment: [String: String] = [:], extra: [String] = []) throws {
        run = try CommandRun.pexrtmp(["watch", "--node", node, "--conference", conference, "--json"] + extra,
                                     environment: environment)
    }

    /// Every line printed so far, each parsed as a JSON object; fails the test for a line that is not one.
    func events(file: StaticString = #filePath, line: UInt = #line) -> [[String: Any]] {
        run.stdout.split(separator: "\n").compactMap { text in
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                XCTFail("watch printed a line that is not a JSON object: \(text)", file: file, line: line)
                return nil
            }
            return object
        }
    }

    /// Waits until an event matching `predicate` has been printed; returns it.
    @discardableResult
    func waitFor(_ description: String, timeout: TimeInterval = 10, after index: Int = 0,
                 file: StaticString = #filePath, line: UInt = #line,
                 _ predicate: ([String: Any]) -> Bool) -> [String: Any]? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let all = events(file: file, line: line)
            if let found = all.dropFirst(index).first(where: predicate) { return found }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline && run.process.isRunning
        if let found = events(file: file, line: line).dropFirst(index).first(where: predicate) { return found }
        XCTFail("watch --json never showed \(description) within \(Int(timeout)) s; stderr:\n\(run.stderr)",
                file: file, line: line)
        return nil
    }

    /// Waits for the participant list of the first connection to be complete.
    func waitUntilSynced(file: StaticString = #filePath, line: UInt = #line) {
        waitFor("participant_sync_end", file: file, line: line) { $0["event"] as? String == "participant_sync_end" }
    }

    var count: Int { events().count }

    /// The display name and uuid this watch joined as (its own participant_create).
    func ownUUID(name: String = "pexrtmp watch") -> String? {
        events().first { ($0["data"] as? [String: Any])?["display_name"] as? String == name }
            .flatMap { ($0["data"] as? [String: Any])?["uuid"] as? String }
    }
}

/// Reads a field of an event's `data` object.
func field(_ event: [String: Any]?, _ name: String) -> Any? {
    (event?["data"] as? [String: Any])?[name]
}

func isEvent(_ event: [String: Any], _ name: String) -> Bool {
    event["event"] as? String == name
}
