/// Decides, for each stream, pass-through or transcode and the output format. Pure: it sees
/// plain numbers, not FFmpeg structures, so the rules are unit-tested directly.
struct StreamPlanner {
    struct VideoSource: Equatable {
        var codec: String
        var pixelFormat: String
        var width: Int
        var height: Int
        var frameRate: Double
        var bitrateKbps: Int?
    }

    struct AudioSource: Equatable {
        var codec: String
        var sampleRate: Int
        var channels: Int
        var bitrateKbps: Int?
    }

    struct VideoPlan: Equatable {
        var action: MediaProbe.Action
        var width: Int
        var height: Int
        var frameRate: Double
        var bitrateKbps: Int
    }

    struct AudioPlan: Equatable {
        var action: MediaProbe.Action
        var sampleRate: Int
        var channels: Int
        var bitrateKbps: Int
    }

    var options: PublishOptions

    /// Audio gets this much of a `--max-bitrate` cap (at most 128 kbit/s).
    func audioBudget(hasVideo: Bool) -> Int {
        guard let cap = options.maxBitrateKbps else { return 128 }
        return hasVideo ? min(128, max(48, cap / 8)) : min(128, max(32, cap))
    }

    func videoBudget(hasAudio: Bool) -> Int? {
        guard let cap = options.maxBitrateKbps else { return nil }
        return max(100, cap - (hasAudio ? audioBudget(hasVideo: true) : 0))
    }

    func plan(video s: VideoSource, hasAudio: Bool, stillImage: Bool) -> (VideoPlan, warning: String?) {
        let (width, height) = Self.fit(width: s.width, height: s.height,
                                       maxWidth: options.maxWidth, maxHeight: options.maxHeight)
        let budget = videoBudget(hasAudio: hasAudio)
        var reason: String?
        var warning: String?
        if stillImage {
            reason = "still image"
        } else if s.codec != "h264" {
            reason = "\(s.codec) is not H.264"
        } else if !["yuv420p", "yuvj420p"].contains(s.pixelFormat) {
            reason = "\(s.pixelFormat) is not 8-bit 4:2:0"
        } else if s.width > options.maxWidth || s.height > options.maxHeight {
            reason = "\(s.width)x\(s.height) is larger than \(options.maxWidth)x\(options.maxHeight)"
        } else if let budget, let rate = s.bitrateKbps, rate > budget {
            reason = "\(rate) kbit/s is above the cap"
            warning = "video is \(rate) kbit/s, above --max-bitrate \(options.maxBitrateKbps!) kbit/s: re-encoding it"
        } else if options.forceTranscode {
            reason = "re-encoding requested"
        }
        let frameRate = stillImage ? Double(max(1, options.stillImageFrameRate))
            : (s.frameRate > 0 && s.frameRate <= 120 ? min(s.frameRate, 60) : 25)
        guard let reason else {
            return (VideoPlan(action: .passThrough, width: s.width, height: s.height, frameRate: frameRate,
                              bitrateKbps: s.bitrateKbps ?? 0), warning)
        }
        var rate = Self.defaultVideoKbps(width: width, height: height)
        if stillImage { rate = min(rate, 600) }
        if let budget { rate = min(rate, budget) }
        return (VideoPlan(action: .transcode(reason: reason), width: width, height: height, frameRate: frameRate,
                          bitrateKbps: rate), warning)
    }

    func plan(audio s: AudioSource, hasVideo: Bool) -> (AudioPlan, warning: String?) {
        let budget = audioBudget(hasVideo: hasVideo)
        var reason: String?
        var warning: String?
        if s.codec != "aac" {
            reason = "\(s.codec) is not AAC"
        } else if ![44_100, 48_000].contains(s.sampleRate) {
            reason = "\(s.sampleRate) Hz"
        } else if !(1...2).contains(s.channels) {
            reason = "\(s.channels) channels"
        } else if options.maxBitrateKbps != nil, let rate = s.bitrateKbps, rate > budget + budget / 4 {
            reason = "\(rate) kbit/s is above the cap"
            warning = "audio is \(rate) kbit/s, above its share of --max-bitrate: re-encoding it"
        } else if options.forceTranscode {
            reason = "re-encoding requested"
        }
        guard let reason else {
            return (AudioPlan(action: .passThrough, sampleRate: s.sampleRate, channels: s.channels,
                              bitrateKbps: s.bitrateKbps ?? 0), warning)
        }
        let rate = [11_025, 22_050, 44_100, 88_200, 176_400].contains(s.sampleRate) ? 44_100 : 48_000
        return (AudioPlan(action: .transcode(reason: reason), sampleRate: rate, channels: 2, bitrateKbps: budget),
                warning)
    }

    /// Scales down to fit inside max (keeping the aspect ratio), never up; even dimensions.
    static func fit(width: Int, height: Int, maxWidth: Int, maxHeight: Int) -> (Int, Int) {
        guard width > 0, height > 0 else { return (640, 360) }
        let scale = min(1, min(Double(maxWidth) / Double(width), Double(maxHeight) / Double(height)))
        func even(_ v: Double) -> Int { max(2, Int((v / 2).rounded(.down)) * 2) }
        return (even(Double(width) * scale), even(Double(height) * scale))
    }

    static func defaultVideoKbps(width: Int, height: Int) -> Int {
        switch width * height {
        case ...(640 * 360): 800
        case ...(1280 * 720): 2000
        default: 3500
        }
    }
}
