import XCTest
@testable import PexipClient

final class TransportTests: XCTestCase {
    func testDefaultTLSIsAccepted() throws {
        XCTAssertTrue(TLSOptions.default.isDefault)
        XCTAssertNoThrow(try URLSessionTransport())
    }

    #if os(Linux)
    /// FoundationNetworking (libcurl) exposes no way to add a CA or skip verification: the
    /// transport says so instead of silently verifying against the system store.
    func testLinuxRefusesTLSOptionsItCannotHonour() {
        for options in [TLSOptions(caFile: "/tmp/ca.pem"), TLSOptions(insecureSkipVerify: true)] {
            XCTAssertThrowsError(try URLSessionTransport(tls: options)) { error in
                guard case PexipError.tlsUnsupported(let detail) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(detail.contains("update-ca-certificates"), detail)
            }
        }
    }
    #endif

    func testCollectEnforcesTheLimit() async throws {
        let stream = HTTPStream(status: 200, body: AsyncThrowingStream { c in
            c.yield(Data(repeating: 1, count: 10))
            c.yield(Data(repeating: 2, count: 10))
            c.finish()
        })
        do {
            _ = try await stream.collect(limit: 15)
            XCTFail("expected tooLarge")
        } catch {
            XCTAssertEqual(error as? PexipError, .tooLarge(limit: 15))
        }
    }
}
