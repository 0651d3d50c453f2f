import XCTest
final class RTMPMediaTestsPlaceholder: XCTestCase { func testNothingYet() {} }
