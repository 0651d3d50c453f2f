import Foundation
import XCTest

/// A test class with its own simulated node, started once before its tests and stopped after
/// them. Subclasses override ``simulatorTokenExpires`` / ``simulatorTLS`` to start it otherwise.
class SimulatorTestCase: XCTestCase {
    class var simulatorTokenExpires: Int? { nil }
    class var simulatorTLS: Bool { false }

    /// One node per test class (class setUp runs once for each subclass).
    nonisolated(unsafe) private static var nodes: [ObjectIdentifier: SimulatedNode] = [:]

    override class func setUp() {
        super.setUp()
        nodes[ObjectIdentifier(self)] = try? SimulatedNode(tokenExpires: simulatorTokenExpires, tls: simulatorTLS)
    }

    override class func tearDown() {
        nodes.removeValue(forKey: ObjectIdentifier(self))?.stop()
        super.tearDown()
    }

    /// This class's simulator; fails the test when it could not start.
    func simulator() throws -> SimulatedNode {
        try XCTUnwrap(Self.nodes[ObjectIdentifier(type(of: self))], "the simulated node did not start")
    }

    /// A new empty folder, removed when the test ends.
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(type(of: self))-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
