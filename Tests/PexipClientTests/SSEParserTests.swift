import XCTest
@testable import PexipClient

final class SSEParserTests: XCTestCase {
    private func parse(_ text: String) -> [ServerSentEvent] {
        var parser = SSEParser()
        return parser.feed(text)
    }

    private func parseByteByByte(_ data: Data) -> [ServerSentEvent] {
        var parser = SSEParser()
        return data.flatMap { parser.feed(Data([$0])) }
    }

    func testFieldsAndDefaults() {
        XCTAssertEqual(parse("event: stage\ndata: [1]\nid: 7\n\n"),
                       [ServerSentEvent(type: "stage", data: "[1]", id: "7")])
        XCTAssertEqual(parse("data: plain\n\n"), [ServerSentEvent(type: "message", data: "plain", id: nil)])
    }

    func testMultiLineDataJoinedWithLF() {
        XCTAssertEqual(parse("data: first\ndata: second\ndata:\n\n").map(\.data), ["first\nsecond\n"])
        XCTAssertEqual(parse("data:{\"a\":\ndata: 1}\n\n").map(\.data), ["{\"a\":\n1}"])
    }

    func testLineEndings() {
        let expected = [ServerSentEvent(type: "a", data: "1"), ServerSentEvent(type: "b", data: "2")]
        XCTAssertEqual(parse("event: a\ndata: 1\n\nevent: b\ndata: 2\n\n"), expected)
        XCTAssertEqual(parse("event: a\r\ndata: 1\r\n\r\nevent: b\r\ndata: 2\r\n\r\n"), expected)
        XCTAssertEqual(parse("event: a\rdata: 1\r\revent: b\rdata: 2\r\r"), expected)
        XCTAssertEqual(parse("event: a\r\ndata: 1\r\revent: b\ndata: 2\n\r\n"), expected)
    }

    func testCommentsFieldWithoutColonAndUnknownFields() {
        XCTAssertEqual(parse(": keepalive\n\n:another\ndata: x\n\n").map(\.data), ["x"])
        // "data" with no colon is a data field with an empty value.
        XCTAssertEqual(parse("data\ndata\n\n").map(\.data), ["\n"])
        XCTAssertEqual(parse("event\ndata: y\n\n"), [ServerSentEvent(type: "message", data: "y")])
        XCTAssertEqual(parse("foo: bar\ndata: z\n\n").map(\.data), ["z"])
        XCTAssertEqual(parse("Data: z\n\n"), [], "field names are case-sensitive")
    }

    func testOnlyOneLeadingSpaceStripped() {
        XCTAssertEqual(parse("data:  two spaces\n\n").map(\.data), [" two spaces"])
        XCTAssertEqual(parse("data:nospace\n\n").map(\.data), ["nospace"])
        XCTAssertEqual(parse("event:  x\ndata: d\n\n").map(\.type), [" x"])
        XCTAssertEqual(parse("data: a: b\n\n").map(\.data), ["a: b"])
    }

    func testIdHandling() {
        XCTAssertEqual(parse("id: 1\ndata: a\n\ndata: b\n\n").map(\.id), ["1", "1"], "the last id persists")
        XCTAssertEqual(parse("id: 1\ndata: a\n\nid: bad\u{0}id\ndata: b\n\n").map(\.id), ["1", "1"], "an id with NUL is ignored")
        XCTAssertEqual(parse("id: 1\ndata: a\n\nid\ndata: b\n\n").map(\.id), ["1", nil], "an empty id resets it")
        var parser = SSEParser()
        _ = parser.feed("id: 5\n\n")
        XCTAssertEqual(parser.lastEventID, "5", "an id without data still sets the last event id")
    }

    func testRetry() {
        var parser = SSEParser()
        _ = parser.feed("retry: 3000\n\nretry: 12x\n\nretry:\n\n")
        XCTAssertEqual(parser.retry, 3000)
    }

    func testEmptyDataNotDispatched() {
        XCTAssertEqual(parse("event: presentation_stop\n\n"), [])
        XCTAssertEqual(parse("\n\n\n"), [])
        // The event type does not leak into the next event.
        XCTAssertEqual(parse("event: ignored\n\ndata: x\n\n").map(\.type), ["message"])
    }

    func testIncompleteEventAtEndIsNotDispatched() {
        var parser = SSEParser()
        XCTAssertEqual(parser.feed("data: a\n"), [])
        parser.reset()
        XCTAssertEqual(parser.feed("data: b\n\n").map(\.data), ["b"])
        XCTAssertEqual(parse("data: no blank line"), [])
    }

    func testByteOrderMarkAtStart() {
        XCTAssertEqual(parse("\u{FEFF}data: x\n\n").map(\.data), ["x"])
    }

    func testCRLFSplitAcrossChunks() {
        var parser = SSEParser()
        var events = parser.feed("data: a\r")
        events += parser.feed("\n")
        events += parser.feed("\r")
        events += parser.feed("\ndata: b\r\n\r\n")
        XCTAssertEqual(events.map(\.data), ["a", "b"])
    }

    func testUTF8SplitAcrossChunks() {
        let text = "event: message\ndata: {\"payload\": \"h\u{E9}llo \u{1F600} \u{65E5}\u{672C}\"}\n\n"
        let bytes = Data(text.utf8)
        XCTAssertEqual(parseByteByByte(bytes).map(\.data), ["{\"payload\": \"h\u{E9}llo \u{1F600} \u{65E5}\u{672C}\"}"])
    }

    func testAnyChunkingGivesTheSameEvents() {
        let stream = ": hello\r\nevent: conference_update\r\ndata: {\"locked\": false}\r\n\r\n"
            + "event: participant_sync_begin\ndata: null\n\n"
            + "event: stage\rdata: [{\"stage_index\": 0,\rdata: \"vad\": 100}]\rid: 12\r\r"
            + "event: presentation_frame\nid: MTAuNDQ=\ndata: {}\n\n"
            + "data: caf\u{E9} \u{1F3A5}\n\n"
        let data = Data(stream.utf8)
        var whole = SSEParser()
        let expected = whole.feed(data)
        XCTAssertEqual(expected.count, 5)
        XCTAssertEqual(parseByteByByte(data), expected)
        for size in [2, 3, 5, 7, 11, 64] {
            var parser = SSEParser()
            var events: [ServerSentEvent] = []
            var offset = 0
            while offset < data.count {
                let end = min(offset + size, data.count)
                events += parser.feed(data.subdata(in: offset..<end))
                offset = end
            }
            XCTAssertEqual(events, expected, "chunk size \(size)")
        }
    }
}
