import Foundation

/// Real nodes send flags as `"YES"`/`"NO"`, as JSON booleans, and sometimes as `"true"`;
/// numbers as numbers or strings. These helpers accept all of them.
private enum FlexibleFlag: Decodable {
    case yes
    case no

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = value ? .yes : .no
        } else if let value = try? container.decode(Int.self) {
            self = value != 0 ? .yes : .no
        } else {
            let text = try container.decode(String.self).lowercased()
            switch text {
            case "yes", "true", "1", "on": self = .yes
            case "no", "false", "0", "off", "": self = .no
            default:
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not a YES/NO flag: \(text)")
            }
        }
    }

    var bool: Bool { self == .yes }
}

private struct FlexibleNumber: Decodable {
    let value: Double

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            value = number
        } else {
            let text = try container.decode(String.self).trimmingCharacters(in: .whitespaces)
            guard let number = Double(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not a number: \(text)")
            }
            value = number
        }
    }
}

extension KeyedDecodingContainer {
    /// A YES/NO or boolean flag; nil when missing, null or unreadable.
    func flag(_ key: Key) -> Bool? {
        (try? decodeIfPresent(FlexibleFlag.self, forKey: key))??.bool
    }

    /// A number sent as a number or a string; nil when missing, null or unreadable.
    func number(_ key: Key) -> Double? {
        (try? decodeIfPresent(FlexibleNumber.self, forKey: key))??.value
    }

    /// A string; numbers and booleans are turned into text rather than failing.
    func text(_ key: Key) -> String? {
        guard let value = try? decodeIfPresent(JSONValue.self, forKey: key) else { return nil }
        switch value {
        case .string(let text): return text
        case .number(let number):
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }
}
