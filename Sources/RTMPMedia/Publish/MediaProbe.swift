/// What a file holds and what publishing will do with each stream. Made by `FilePublisher`'s
/// initialiser before anything connects, so a caller can show it (and refuse early).
public struct MediaProbe: Sendable, Equatable {
    public enum Action: Sendable, Equatable, CustomStringConvertible {
        /// Sent as it is (H.264 or AAC that fits).
        case passThrough
        /// Re-encoded to H.264 or AAC; the reason says why.
        case transcode(reason: String)

        public var description: String {
            switch self {
            case .passThrough: "pass-through"
            case .transcode(let reason): "transcode (\(reason))"
            }
        }
    }

    public struct Video: Sendable, Equatable {
        public var codec: String
        public var pixelFormat: String
        public var width: Int
        public var height: Int
        public var frameRate: Double
        public var bitrateKbps: Int?
        public var action: Action
        /// What goes out: size, frame rate and (when transcoding) bitrate.
        public var outputWidth: Int
        public var outputHeight: Int
        public var outputBitrateKbps: Int?
    }

    public struct Audio: Sendable, Equatable {
        public var codec: String
        public var sampleRate: Int
        public var channels: Int
        public var bitrateKbps: Int?
        public var action: Action
        public var outputSampleRate: Int
        public var outputChannels: Int
        public var outputBitrateKbps: Int?
    }

    public var path: String
    /// FFmpeg's demuxer name (`mov,mp4,m4a,3gp,3g2,mj2`, `matroska,webm`, `image2`...).
    public var formatName: String
    /// Seconds, when the file says; nil for a still image or an unknown length.
    public var duration: Double?
    public var video: Video?
    public var audio: Audio?
    /// A single picture, sent as a looped low-frame-rate video.
    public var isStillImage: Bool
    /// Things the user should know (a pass-through stream above the bitrate cap...).
    public var warnings: [String]

    /// One line per stream, for logs: `video h264 1280x720 25 fps: pass-through`.
    public var summary: String {
        var parts: [String] = []
        if let v = video {
            let fps = isStillImage ? "still image" : "\(Int(v.frameRate.rounded())) fps"
            parts.append("video \(v.codec) \(v.width)x\(v.height) \(fps): \(v.action)")
        }
        if let a = audio {
            parts.append("audio \(a.codec) \(a.sampleRate) Hz \(a.channels) ch: \(a.action)")
        }
        return parts.joined(separator: "; ")
    }
}
