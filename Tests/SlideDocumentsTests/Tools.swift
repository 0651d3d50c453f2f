import Foundation
import XCTest

/// The command-line tools these tests use as judges: ffmpeg draws test slides, poppler's
/// pdfinfo/pdfimages read the PDF, Debian's chromium loads the page.
enum Tools {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("slide-docs-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    @discardableResult
    static func run(_ tool: String, _ arguments: [String], timeout: TimeInterval = 60) throws -> (status: Int32, output: String, errors: String) {
        guard FileManager.default.isExecutableFile(atPath: tool) else { throw XCTSkip("\(tool) is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = folder.appendingPathComponent(UUID().uuidString + ".out")
        let err = folder.appendingPathComponent(UUID().uuidString + ".err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return (process.terminationStatus,
                (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// A coloured test slide with `boxes` white squares, `size` pixels.
    static func slide(colour: String, boxes: Int, size: String = "1280x720", file: URL) throws -> [UInt8] {
        var chain = "drawgrid=w=160:h=120:t=2:c=white@0.3"
        for i in 0..<boxes { chain += ",drawbox=x=\(20 + i * 70):y=20:w=50:h=50:color=white:t=fill" }
        let result = try run("/usr/bin/ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                                                 "-i", "color=c=\(colour):s=\(size):d=1", "-vf", chain,
                                                 "-frames:v", "1", "-q:v", "3", "-update", "1", file.path])
        XCTAssertEqual(result.status, 0, result.errors)
        return [UInt8](try Data(contentsOf: file))
    }
}
