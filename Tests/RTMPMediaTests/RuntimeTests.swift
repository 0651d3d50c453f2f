import XCTest
@testable import RTMPMedia

final class RuntimeTests: XCTestCase {
    func testPrepareIsIdempotentAndReportsVersions() {
        MediaRuntime.prepare()
        MediaRuntime.prepare()
        XCTAssertTrue(MediaRuntime.libraryVersions.contains("libavformat 59."))
        XCTAssertFalse(MediaRuntime.rtmpsIsVerified)
    }
}
