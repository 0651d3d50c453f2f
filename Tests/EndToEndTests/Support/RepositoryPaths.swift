import Foundation

/// Where the repository and the built `pexrtmp` binary are, seen from the test process.
enum RepositoryPaths {
    /// The package root: three levels above this source file (Tests/EndToEndTests/Support).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The `pexrtmp` executable built beside the test bundle (`swift build` runs first).
    static var pexrtmp: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var folder = testBinary.deletingLastPathComponent()
        // Linux runs `.build/debug/<package>PackageTests.xctest` directly.
        if folder.lastPathComponent.hasSuffix(".xctest") { folder = folder.deletingLastPathComponent() }
        let candidate = folder.appendingPathComponent("pexrtmp")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return root.appendingPathComponent(".build/debug/pexrtmp")
    }
}
