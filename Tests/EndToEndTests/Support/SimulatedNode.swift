import Foundation
import XCTest

/// The project's simulated Conferencing Node (`scripts/sim`), started on free loopback ports for
/// one test class and stopped (with its nginx and ffmpeg children) when the class ends.
final class SimulatedNode: @unchecked Sendable {
    struct Endpoints: Decodable {
        let http: String
        let rtmp: String
        let rtmps: String?
        let control: String
        let caFile: String?
        let pid: Int32

        enum CodingKeys: String, CodingKey {
            case http, rtmp, rtmps, control, pid
            case caFile = "ca_file"
        }
    }

    let endpoints: Endpoints
    private let process: Process
    private let workdir: URL

    var http: String { endpoints.http }
    var control: String { endpoints.control }

    /// Starts `scripts/sim` and waits until it has written its ready file.
    init(tokenExpires: Int? = nil, tls: Bool = false, scenario: String? = nil,
         timeout: TimeInterval = 60) throws {
        workdir = FileManager.default.temporaryDirectory.appendingPathComponent("pexsim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workdir, withIntermediateDirectories: true)
        let readyFile = workdir.appendingPathComponent("ready.json")
        var arguments = [RepositoryPaths.root.appendingPathComponent("scripts/sim").path,
                         "--http-port", "0", "--rtmp-port", "0",
                         "--ready-file", readyFile.path, "--workdir", workdir.appendingPathComponent("sim").path]
        if let tokenExpires { arguments += ["--token-expires", String(tokenExpires)] }
        if tls { arguments.append("--tls") }
        if let scenario { arguments += ["--scenario", scenario] }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = arguments
        let log = workdir.appendingPathComponent("sim.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()

        let deadline = Date().addingTimeInterval(timeout)
        while !FileManager.default.fileExists(atPath: readyFile.path) {
            guard process.isRunning else {
                let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw SimulatorFailure("scripts/sim exited before it was ready:\n\(output.suffix(4000))")
            }
            guard Date() < deadline else {
                process.terminate()
                throw SimulatorFailure("scripts/sim was not ready within \(Int(timeout)) s")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        endpoints = try JSONDecoder().decode(Endpoints.self, from: Data(contentsOf: readyFile))
    }

    /// Stops the simulator (SIGTERM, then SIGKILL) and removes its work folder.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: workdir)
    }

    deinit { stop() }

    // MARK: control endpoint (/_sim)

    /// GET a control resource as JSON.
    func get(_ path: String) throws -> Any {
        try HTTPJSON.request("GET", control + path)
    }

    /// POST a control action.
    @discardableResult
    func post(_ path: String, _ body: [String: Any] = [:]) throws -> Any {
        try HTTPJSON.request("POST", control + path, body: body)
    }

    /// The simulator's state for one conference.
    func conferenceState(_ alias: String) throws -> [String: Any] {
        let state = try get("/state") as? [String: Any]
        let conferences = state?["conferences"] as? [String: Any]
        guard let conference = conferences?[alias] as? [String: Any] else {
            throw SimulatorFailure("no conference \(alias) in /_sim/state")
        }
        return conference
    }
}

struct SimulatorFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
