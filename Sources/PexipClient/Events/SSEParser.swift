import Foundation

/// An incremental `text/event-stream` parser (HTML Living Standard, "Interpreting an event
/// stream"). Feed it network chunks split at any byte; it returns the events completed.
///
/// Lines end in LF, CRLF or CR — a CR at the end of one chunk and an LF at the start of the
/// next are one line end. Lines are split on bytes and decoded as UTF-8 only when whole, so a
/// multi-byte character split across chunks survives.
public struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var skipLeadingLF = false
    private var atStreamStart = true
    private var dataBuffer = ""
    private var hasData = false
    private var eventType = ""
    /// The last event ID buffer; it persists from event to event.
    public private(set) var lastEventID = ""
    /// The last valid `retry:` value, in milliseconds.
    public private(set) var retry: Int?

    public init(lastEventID: String = "") {
        self.lastEventID = lastEventID
    }

    /// Parses a chunk and returns the events it completed.
    public mutating func feed(_ chunk: Data) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in chunk {
            if skipLeadingLF {
                skipLeadingLF = false
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0A:
                processLine(&events)
            case 0x0D:
                processLine(&events)
                skipLeadingLF = true
            default:
                line.append(byte)
            }
        }
        return events
    }

    public mutating func feed(_ text: String) -> [ServerSentEvent] {
        feed(Data(text.utf8))
    }

    /// The stream ended: a partly received event is discarded (per the spec), the last event
    /// ID and retry value are kept for a reconnect.
    public mutating func reset() {
        line.removeAll()
        skipLeadingLF = false
        atStreamStart = true
        dataBuffer = ""
        hasData = false
        eventType = ""
    }

    private mutating func processLine(_ events: inout [ServerSentEvent]) {
        var bytes = line[...]
        line.removeAll(keepingCapacity: true)
        if atStreamStart {
            atStreamStart = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        }
        if bytes.isEmpty {
            if let event = dispatch() { events.append(event) }
            return
        }
        if bytes.first == UInt8(ascii: ":") { return }
        let text = String(decoding: bytes, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = Substring(text)
            value = ""
        }
        apply(field: field, value: value)
    }

    private mutating func apply(field: Substring, value: Substring) {
        switch field {
        case "event":
            eventType = String(value)
        case "data":
            dataBuffer += value
            dataBuffer += "\n"
            hasData = true
        case "id":
            if !value.contains("\u{0}") { lastEventID = String(value) }
        case "retry":
            if !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isNumber }), let ms = Int(value) {
                retry = ms
            }
        default:
            break
        }
    }

    private mutating func dispatch() -> ServerSentEvent? {
        defer {
            dataBuffer = ""
            hasData = false
            eventType = ""
        }
        guard hasData, !dataBuffer.isEmpty else { return nil }
        var data = dataBuffer
        if data.hasSuffix("\n") { data.removeLast() }
        return ServerSentEvent(type: eventType.isEmpty ? "message" : eventType, data: data,
                               id: lastEventID.isEmpty ? nil : lastEventID)
    }
}
