/// Makes names that come from outside (aliases, display names, stream and file names) safe to use
/// as one path component: no separators, no control characters, no leading dot, bounded length.
/// Every writer of recordings (record, pull, slides) names its folders through this.
public enum PathComponent {
    public static let maximumLength = 80

    public static func sanitize(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "/", "\\", ":", "*", "?", "\"", "<", ">", "|":
                result.append("_")
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result.append("_")
            case " ":
                result.append(" ")
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        result = result.trimmingWhitespace()
        while result.hasPrefix(".") { result.removeFirst() }
        if result.utf8.count > maximumLength {
            var cut = ""
            for character in result where cut.utf8.count + character.utf8.count <= maximumLength {
                cut.append(character)
            }
            result = cut.trimmingWhitespace()
        }
        return result.isEmpty ? "_" : result
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
