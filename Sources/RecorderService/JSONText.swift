/// A small JSON writer: enough for manifests and log lines, with strings escaped per RFC 8259.
struct JSONText {
    private(set) var text = ""
    private var indent = 0
    private let pretty: Bool

    init(pretty: Bool) { self.pretty = pretty }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ value: String) -> String {
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON number; non-finite values (not representable) become 0.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// An object whose members are written by `body` through `member`, keys in the order given.
    mutating func object(_ body: (inout JSONText) -> Void) {
        text += "{"
        indent += 1
        let mark = text.utf8.count
        body(&self)
        indent -= 1
        if text.utf8.count != mark { newline() }
        text += "}"
    }

    mutating func array(_ body: (inout JSONText) -> Void) {
        text += "["
        indent += 1
        let mark = text.utf8.count
        body(&self)
        indent -= 1
        if text.utf8.count != mark { newline() }
        text += "]"
    }

    /// A member of the enclosing object; `value` writes the value.
    mutating func member(_ key: String, _ value: (inout JSONText) -> Void) {
        separate()
        text += Self.quoted(key) + (pretty ? " : " : ":")
        value(&self)
    }

    mutating func member(_ key: String, string: String) { member(key) { $0.text += Self.quoted(string) } }
    mutating func member(_ key: String, number: Double) { member(key) { $0.text += Self.number(number) } }
    mutating func member(_ key: String, bool: Bool) { member(key) { $0.text += bool ? "true" : "false" } }

    /// An element of the enclosing array.
    mutating func element(_ value: (inout JSONText) -> Void) {
        separate()
        value(&self)
    }

    mutating func element(string: String) { element { $0.text += Self.quoted(string) } }

    private mutating func separate() {
        if let last = text.utf8.last, last != UInt8(ascii: "{"), last != UInt8(ascii: "[") { text += "," }
        newline()
    }

    private mutating func newline() {
        guard pretty else { return }
        text += "\n" + String(repeating: "  ", count: indent)
    }
}
