import Foundation

/// Reads the `{"status": …, "result": …}` envelope and maps failures to ``PexipError``,
/// following what real nodes send (see docs/pexip-facts.md).
enum ResponseMapper {
    static func result(of response: HTTPResponse, alias: String) throws(PexipError) -> JSONValue? {
        let trimmed = response.body.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        let json = trimmed.isEmpty ? nil : try? JSONDecoder().decode(JSONValue.self, from: Data(trimmed))
        let result = json?["result"]
        if (200..<300).contains(response.status) {
            if trimmed.isEmpty { return nil }
            guard let json else { throw .badResponse("the body is not JSON: \(excerpt(response.body))") }
            if json["status"]?.stringValue?.lowercased() == "failure" {
                throw .failure(reason: text(of: result) ?? excerpt(response.body))
            }
            return result
        }
        throw error(status: response.status, json: json, body: response.body, alias: alias)
    }

    static func decode<T: Decodable>(_ result: JSONValue?, as type: T.Type) throws(PexipError) -> T {
        guard let result else { throw .badResponse("the answer has no result") }
        do {
            let data = try JSONEncoder().encode(result)
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw .badResponse("could not read \(T.self): \(describe(error))")
        }
    }

    private static func error(status: Int, json: JSONValue?, body: Data, alias: String) -> PexipError {
        let result = json?["result"]
        // The structured 403s may carry their fields in `result` or at the top level.
        for object in [result, json].compactMap({ $0 }) {
            if let pin = object["pin"]?.stringValue ?? object["guest_pin"]?.stringValue, !pin.isEmpty {
                return .pinRequired(PINRequirement(
                    host: object["pin"]?.stringValue?.lowercased() == "required",
                    guest: object["guest_pin"]?.stringValue?.lowercased() == "required"))
            }
            if let ext = object["conference_extension"]?.stringValue {
                let kind = object["conference_extension_type"]?.stringValue
                    ?? (ext.lowercased() == "required" ? "standard" : ext)
                return .virtualReception(type: kind)
            }
        }
        let reason = text(of: result) ?? excerpt(body)
        let lowered = reason.lowercased()
        switch status {
        case 403 where lowered == "invalid token" || lowered.contains("token") && lowered.contains("invalid"):
            return .invalidToken
        case 403 where lowered.contains("invalid pin"):
            return .invalidPIN
        case 403:
            return .refused(reason: reason)
        case 404 where lowered.contains("neither conference nor gateway found"):
            return .conferenceNotFound(alias: alias)
        default:
            return .http(status: status, reason: reason)
        }
    }

    /// The `result` as one line of text.
    static func text(of result: JSONValue?) -> String? {
        switch result {
        case .string(let text)?: return text
        case nil, .null?: return nil
        case let value?:
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// The start of a body that is not JSON (an HTML error page from a proxy…).
    static func excerpt(_ body: Data) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            .trimmingCharacters(in: .whitespaces)
        return Redaction.scrub(text.isEmpty ? "(empty body)" : text)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default: return String(describing: error)
        }
    }
}
