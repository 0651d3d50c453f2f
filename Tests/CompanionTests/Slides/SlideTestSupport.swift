import Foundation
import XCTest
@testable import Companion

/// Test slides drawn once per run by the ffmpeg CLI.
enum SlideImages {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("archiver-images-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Slide `n`: a colour per slide and `n` white squares; `noise` re-encodes it with noise.
    static func slide(_ n: Int, noise: Bool = false) throws -> Data {
        let file = folder.appendingPathComponent("s\(n)\(noise ? "n" : "").jpg")
        if let data = try? Data(contentsOf: file) { return data }
        let colours = ["navy", "darkred", "darkgreen", "purple", "teal"]
        var chain = "drawgrid=w=80:h=60:t=2:c=white@0.3"
        for i in 0..<n { chain += ",drawbox=x=\(20 + i * 45):y=300:w=30:h=30:color=white:t=fill" }
        if noise { chain += ",noise=alls=6:allf=u" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                             "-i", "color=c=\(colours[(n - 1) % colours.count]):s=640x360:d=1", "-vf", chain,
                             "-frames:v", "1", "-q:v", noise ? "6" : "3", "-update", "1", file.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw XCTSkip("ffmpeg cannot draw test slides") }
        return try Data(contentsOf: file)
    }
}

/// A stand-in for the node's presentation.jpeg: answers per frame id, can hold every answer
/// until released, and remembers what was asked.
actor FakeFrameSource {
    enum Answer: Sendable {
        case image(Data)
        case failure(any Error)
    }

    private var answers: [String: Answer] = [:]
    private(set) var requested: [String] = []
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func set(_ id: String, _ answer: Answer) { answers[id] = answer }

    func hold() { held = true }

    func release() {
        held = false
        let resumed = waiting
        waiting = []
        for continuation in resumed { continuation.resume() }
    }

    func fetch(_ id: String?, _ maxBytes: Int) async throws -> Data {
        requested.append(id ?? "latest")
        while held { await withCheckedContinuation { waiting.append($0) } }
        switch answers[id ?? ""] {
        case .image(let data)?:
            return data
        case .failure(let error)?:
            throw error
        case nil:
            throw URLError(.fileDoesNotExist)
        }
    }

    nonisolated var fetcher: SlideArchiver.Fetch {
        { id, maxBytes in try await self.fetch(id, maxBytes) }
    }
}

/// Collects the archiver's log lines.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    var sink: SlideArchiver.Log {
        { level, message in self.lines.withLock { $0.append("\(level == .warning ? "warning" : "info"): \(message)") } }
    }
}

import Synchronization

func temporaryFolder(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
}

/// Polls until `condition` holds or `timeout` passes.
func eventually(timeout: Duration = .seconds(5), _ condition: @Sendable () async -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
