/// Slide image names: position and time on the timeline, `0003-00m42s.jpg`, `0012-1h02m03s.jpg`.
/// Nothing from the meeting (names, ids) goes into a path.
enum SlideFileName {
    static func make(number: Int, time: Double) -> String {
        let whole = max(0, Int(time.rounded(.down)))
        let (h, m, s) = (whole / 3600, whole / 60 % 60, whole % 60)
        let clock = h > 0 ? "\(h)h\(two(m))m\(two(s))s" : "\(two(m))m\(two(s))s"
        return pad(number, 4) + "-" + clock + ".jpg"
    }

    private static func two(_ n: Int) -> String { pad(n, 2) }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
