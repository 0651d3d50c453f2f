import Foundation

/// ffprobe as the judge of what was written.
enum FFprobe {
    struct Stream {
        let codecType: String
        let codecName: String
    }

    struct Report {
        let streams: [Stream]
        let duration: Double
        /// Video packets: (pts seconds, keyframe) in decode order.
        let videoPackets: [(time: Double, key: Bool)]
    }

    static func probe(_ path: String, packets: Bool = true) throws -> Report {
        var arguments = ["-v", "error", "-print_format", "json", "-show_streams", "-show_format"]
        // (-select_streams would hide the other streams from -show_streams too: filter here instead.)
        if packets { arguments += ["-show_packets"] }
        let result = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/ffprobe"), arguments + [path], timeout: 60)
        guard result.status == 0,
              let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw SimulatorFailure("ffprobe \(path) failed: \(result.stderr)")
        }
        let streams = (object["streams"] as? [[String: Any]] ?? []).map {
            Stream(codecType: $0["codec_type"] as? String ?? "", codecName: $0["codec_name"] as? String ?? "")
        }
        let format = object["format"] as? [String: Any]
        let duration = Double(format?["duration"] as? String ?? "") ?? 0
        let videoPackets = (object["packets"] as? [[String: Any]] ?? [])
            .filter { $0["codec_type"] as? String == "video" }
            .map { packet in
            (time: Double(packet["pts_time"] as? String ?? "") ?? -1,
             key: (packet["flags"] as? String ?? "").hasPrefix("K"))
        }
        return Report(streams: streams, duration: duration, videoPackets: videoPackets)
    }

    /// Decodes the whole file's audio and video (not a chapter text track); true when ffmpeg
    /// reports no error.
    static func decodesCleanly(_ path: String) throws -> Bool {
        let result = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/ffmpeg"),
                                        ["-v", "error", "-i", path, "-map", "0:v?", "-map", "0:a?", "-f", "null", "-"], timeout: 120)
        return result.status == 0 && result.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}
