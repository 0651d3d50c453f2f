import XCTest
@testable import PexipClient

final class ErrorMappingTests: XCTestCase {
    private func mapped(_ status: Int, _ body: String) -> PexipError? {
        do {
            _ = try ResponseMapper.result(of: FakeTransport.status(status, body), alias: "meet@example.com")
            return nil
        } catch {
            return error
        }
    }

    func testPINRequired() {
        XCTAssertEqual(mapped(403, #"{"status": "success", "result": {"pin": "required", "guest_pin": "none"}}"#),
                       .pinRequired(PINRequirement(host: true, guest: false)))
        XCTAssertEqual(mapped(403, #"{"status": "success", "result": {"pin": "required", "guest_pin": "required"}}"#),
                       .pinRequired(PINRequirement(host: true, guest: true)))
        XCTAssertEqual(mapped(403, #"{"pin": "required", "guest_pin": "none"}"#),
                       .pinRequired(PINRequirement(host: true, guest: false)))
    }

    func testInvalidPIN() {
        XCTAssertEqual(mapped(403, #"{"status": "success", "result": "Invalid PIN"}"#), .invalidPIN)
    }

    func testVirtualReceptionBothShapes() {
        XCTAssertEqual(mapped(403, #"{"status": "success", "result": {"conference_extension": "required", "conference_extension_type": "mssip"}}"#),
                       .virtualReception(type: "mssip"))
        XCTAssertEqual(mapped(403, #"{"status": "success", "result": {"conference_extension": "standard"}}"#),
                       .virtualReception(type: "standard"))
        XCTAssertEqual(mapped(403, #"{"status": "success", "conference_extension": "mssip"}"#),
                       .virtualReception(type: "mssip"))
        XCTAssertEqual(mapped(403, #"{"status": "success", "result": {"conference_extension": "required"}}"#),
                       .virtualReception(type: "standard"))
    }

    func testConferenceNotFound() {
        XCTAssertEqual(mapped(404, #"{"status": "success", "result": "Neither conference nor gateway found"}"#),
                       .conferenceNotFound(alias: "meet@example.com"))
    }

    func testInvalidToken() {
        XCTAssertEqual(mapped(403, #"{"status": "success", "result": "Invalid token"}"#), .invalidToken)
    }

    func testRefusedKeepsTheText() {
        XCTAssertEqual(mapped(403, #"{"status": "success", "result": "Unauthorized: Host only"}"#),
                       .refused(reason: "Unauthorized: Host only"))
    }

    func testOtherStatusWithResultText() {
        XCTAssertEqual(mapped(404, #"{"status": "success", "result": "Disabled"}"#), .http(status: 404, reason: "Disabled"))
        XCTAssertEqual(mapped(502, "<html><body>Bad Gateway</body></html>"),
                       .http(status: 502, reason: "<html><body>Bad Gateway</body></html>"))
        XCTAssertEqual(mapped(500, ""), .http(status: 500, reason: "(empty body)"))
    }

    func testStatusFailure() {
        XCTAssertEqual(mapped(200, #"{"status": "failure", "result": "Participant not found"}"#),
                       .failure(reason: "Participant not found"))
    }

    func testBadBody() {
        guard case .badResponse? = mapped(200, "this is not json") else { return XCTFail() }
        XCTAssertThrowsError(try ResponseMapper.decode(.string("x"), as: TokenGrant.self)) { error in
            guard case PexipError.badResponse(let detail) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("TokenGrant"), detail)
        }
    }

    func testTransportFailureThroughTheClient() async {
        struct Down: Error {}
        let transport = FakeTransport { _ in throw URLError(.cannotConnectToHost) }
        let client = ConferenceClient(node: Node(baseURL: URL(string: "http://127.0.0.1:1")!), alias: "meet",
                                      transport: transport, tokenSource: .fixed("secret-token"))
        do {
            _ = try await client.conferenceStatus()
            XCTFail("expected a failure")
        } catch {
            XCTAssertEqual(error as? PexipError, .transport("connection refused"))
        }
    }

    func testDescriptionsAreOneLine() {
        let all: [PexipError] = [
            .pinRequired(PINRequirement(host: true, guest: false)), .pinRequired(PINRequirement(host: true, guest: true)),
            .pinRequired(PINRequirement(host: false, guest: true)), .invalidPIN, .virtualReception(type: "standard"),
            .conferenceNotFound(alias: "meet"), .invalidToken, .refused(reason: "Host only"),
            .http(status: 500, reason: "oops"), .failure(reason: "no"), .transport("connection refused"),
            .badResponse("x"), .invalidNode("x"), .tlsUnsupported("x"), .notJoined, .released,
            .tokenExpired(lastError: "x"), .tooLarge(limit: 10),
        ]
        for error in all {
            XCTAssertFalse(error.description.contains("\n"), error.description)
            XCTAssertFalse(error.description.isEmpty)
            XCTAssertEqual(error.localizedDescription, error.description)
        }
        XCTAssertTrue(PexipError.pinRequired(PINRequirement(host: true, guest: false)).description.contains("Host PIN"))
        XCTAssertTrue(PexipError.refused(reason: "Host only").description.contains("Host only"))
    }
}
