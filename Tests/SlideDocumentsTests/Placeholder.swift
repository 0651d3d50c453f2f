import XCTest
final class SlideDocumentsPlaceholderTests: XCTestCase { func testNothingYet() {} }
