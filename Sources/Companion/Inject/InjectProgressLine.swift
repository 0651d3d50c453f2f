import RTMPMedia

/// The one-line progress of a publish: `1:23 / 5:00  1850 kbit/s  loop 2/3`.
public enum InjectProgressLine {
    public static func text(_ p: PublishProgress, loop: PublishOptions.Loop) -> String {
        var parts = [clock(p.position) + (p.duration.map { " / " + clock($0) } ?? "")]
        parts.append("\(Int(p.bitrateKbps.rounded())) kbit/s")
        switch loop {
        case .times(1): break
        case .times(let n): parts.append("loop \(min(p.loopsCompleted + 1, n))/\(n)")
        case .forever: parts.append("loop \(p.loopsCompleted + 1)")
        }
        if p.lateness > 0.5 { parts.append(String(Int((p.lateness * 1000).rounded())) + " ms behind") }
        return parts.joined(separator: "  ")
    }

    /// `1:02:03` / `2:03`.
    public static func clock(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds.rounded(.down)))
        let (h, m, s) = (whole / 3600, whole / 60 % 60, whole % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }
}
