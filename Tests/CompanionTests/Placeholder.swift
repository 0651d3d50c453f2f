import XCTest
final class CompanionTestsPlaceholder: XCTestCase { func testNothingYet() {} }
