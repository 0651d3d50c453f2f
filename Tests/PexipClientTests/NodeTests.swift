import XCTest
@testable import PexipClient

final class NodeTests: XCTestCase {
    func testHostForms() throws {
        XCTAssertEqual(try Node(parsing: "pexip.example.com").description, "https://pexip.example.com")
        XCTAssertEqual(try Node(parsing: " pexip.example.com:8443 ").description, "https://pexip.example.com:8443")
        XCTAssertEqual(try Node(parsing: "10.0.0.1").description, "https://10.0.0.1")
        XCTAssertEqual(try Node(parsing: "[::1]:8443").description, "https://[::1]:8443")
        XCTAssertEqual(try Node(parsing: "::1").description, "https://[::1]")
        XCTAssertEqual(try Node(parsing: "node.example.com/").description, "https://node.example.com")
    }

    func testBaseURLForms() throws {
        XCTAssertEqual(try Node(parsing: "http://127.0.0.1:8080").description, "http://127.0.0.1:8080")
        XCTAssertEqual(try Node(parsing: "HTTP://127.0.0.1:8080/").description, "http://127.0.0.1:8080")
        XCTAssertEqual(try Node(parsing: "https://proxy.example.com/pexip/").description, "https://proxy.example.com/pexip")
    }

    func testRejects() {
        for bad in ["", "   ", "ftp://x", "http://", "host name", "a/b", "host:99999", "host:", "http://h/?q=1"] {
            XCTAssertThrowsError(try Node(parsing: bad), bad) { error in
                guard case PexipError.invalidNode = error else { return XCTFail("\(bad): \(error)") }
            }
        }
    }

    func testConferenceURLEncodesAlias() throws {
        let node = try Node(parsing: "http://127.0.0.1:8080")
        XCTAssertEqual(node.conferenceURL(alias: "meet@example.com").absoluteString,
                       "http://127.0.0.1:8080/api/client/v2/conferences/meet%40example.com")
        XCTAssertEqual(node.conferenceURL(alias: "a b/c?d#e").absoluteString,
                       "http://127.0.0.1:8080/api/client/v2/conferences/a%20b%2Fc%3Fd%23e")
        let client = ConferenceClient(node: node, alias: "meet.alice", transport: FakeTransport())
        XCTAssertEqual(client.url(["events"], query: [("token", "abc%3D")]).absoluteString,
                       "http://127.0.0.1:8080/api/client/v2/conferences/meet.alice/events?token=abc%3D")
        XCTAssertEqual(client.url(["presentation.jpeg"], query: [("id", "MTA=="), ("token", "t+k")]).absoluteString,
                       "http://127.0.0.1:8080/api/client/v2/conferences/meet.alice/presentation.jpeg?id=MTA%3D%3D&token=t%2Bk")
    }
}
