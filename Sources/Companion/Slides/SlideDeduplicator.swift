import RTMPMedia

/// Decides whether a fetched frame is a new slide by comparing it with the slide kept last:
/// the same bytes, or a picture within `threshold` (see ``SlideFingerprint/distance(to:)``),
/// is the same slide. A presenter going back to an earlier slide shows it again on the
/// timeline, so only the latest slide is compared.
struct SlideDeduplicator: Sendable {
    enum Verdict: Sendable, Equatable {
        case new
        case identicalBytes
        /// The same slide re-encoded or with noise; `distance` is below the threshold.
        case nearDuplicate(distance: Int)
    }

    let threshold: Int
    private var lastBytes: [UInt8]?
    private var lastFingerprint: SlideFingerprint?

    init(threshold: Int) {
        self.threshold = threshold
    }

    /// Compares without remembering.
    func verdict(bytes: [UInt8], fingerprint: SlideFingerprint) -> Verdict {
        guard let lastFingerprint, let lastBytes else { return .new }
        if lastBytes == bytes { return .identicalBytes }
        let distance = lastFingerprint.distance(to: fingerprint)
        return distance < threshold ? .nearDuplicate(distance: distance) : .new
    }

    /// Remembers a kept slide as the one to compare with.
    mutating func keep(bytes: [UInt8], fingerprint: SlideFingerprint) {
        lastBytes = bytes
        lastFingerprint = fingerprint
    }
}
