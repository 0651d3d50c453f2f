import XCTest
final class PexipClientTestsPlaceholder: XCTestCase { func testNothingYet() {} }
