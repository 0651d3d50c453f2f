/// How a file is published: looping, where to start, bitrate cap, still images.
public struct PublishOptions: Sendable, Equatable {
    /// How many times the file plays.
    public enum Loop: Sendable, Equatable {
        case times(Int)
        case forever

        /// `3` or `forever`/`inf`; nil for anything else (zero and negatives included).
        public init?(text: String) {
            switch text.lowercased() {
            case "forever", "inf", "infinite", "-1": self = .forever
            default:
                guard let n = Int(text), n >= 1 else { return nil }
                self = .times(n)
            }
        }

        /// Whether play number `index` (0-based) is allowed.
        func allows(_ index: Int) -> Bool {
            switch self {
            case .forever: true
            case .times(let n): index < n
            }
        }
    }

    /// Plays of the file (or of the still image's `stillImageDuration`).
    public var loop: Loop
    /// Seconds into the file to start from (each play starts there). Pass-through starts at the
    /// keyframe at or before this point.
    public var startAt: Double
    /// Cap on the outgoing bitrate in kbit/s (video + audio). Transcoding targets it; a
    /// pass-through stream above it is re-encoded to fit, with a warning.
    public var maxBitrateKbps: Int?
    /// How long one play of a still image lasts, in seconds.
    public var stillImageDuration: Double
    /// Frame rate a still image is sent at.
    public var stillImageFrameRate: Int
    /// Largest picture sent; bigger video is scaled down (aspect ratio kept).
    public var maxWidth: Int
    public var maxHeight: Int
    /// Re-encode even H.264/AAC that could pass through.
    public var forceTranscode: Bool

    public init(loop: Loop = .times(1), startAt: Double = 0, maxBitrateKbps: Int? = nil,
                stillImageDuration: Double = 60, stillImageFrameRate: Int = 5,
                maxWidth: Int = 1920, maxHeight: Int = 1080, forceTranscode: Bool = false) {
        self.loop = loop
        self.startAt = startAt
        self.maxBitrateKbps = maxBitrateKbps
        self.stillImageDuration = stillImageDuration
        self.stillImageFrameRate = stillImageFrameRate
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.forceTranscode = forceTranscode
    }
}
