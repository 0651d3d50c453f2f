import Foundation

/// What ffprobe says about a media file: streams, packets (with keyframe flags), chapters.
struct Probe {
    struct Stream { var type: String; var codec: String; var width: Int?; var height: Int? }
    struct Packet { var type: String; var pts: Double; var dts: Double; var duration: Double; var key: Bool }
    struct Chapter { var start: Double; var end: Double; var title: String? }

    var streams: [Stream] = []
    var packets: [Packet] = []
    var chapters: [Chapter] = []
    var duration: Double?

    init(_ path: String, packets withPackets: Bool = true) throws {
        var args = ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", "-show_chapters"]
        if withPackets { args += ["-show_packets"] }
        let text = try runTool("/usr/bin/ffprobe", args + [path])
        guard let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw NSError(domain: "probe", code: 1, userInfo: [NSLocalizedDescriptionKey: "no JSON for \(path)"])
        }
        let streamList = json["streams"] as? [[String: Any]] ?? []
        var typeOfIndex: [Int: String] = [:]
        for s in streamList {
            let type = s["codec_type"] as? String ?? "?"
            typeOfIndex[s["index"] as? Int ?? -1] = type
            streams.append(Stream(type: type, codec: s["codec_name"] as? String ?? "?",
                                  width: s["width"] as? Int, height: s["height"] as? Int))
        }
        for p in json["packets"] as? [[String: Any]] ?? [] {
            let type = typeOfIndex[p["stream_index"] as? Int ?? -1] ?? "?"
            packets.append(Packet(type: type, pts: Double(p["pts_time"] as? String ?? "") ?? .nan,
                                  dts: Double(p["dts_time"] as? String ?? "") ?? .nan,
                                  duration: Double(p["duration_time"] as? String ?? "") ?? 0,
                                  key: (p["flags"] as? String ?? "").hasPrefix("K")))
        }
        for c in json["chapters"] as? [[String: Any]] ?? [] {
            chapters.append(Chapter(start: Double(c["start_time"] as? String ?? "") ?? .nan,
                                    end: Double(c["end_time"] as? String ?? "") ?? .nan,
                                    title: (c["tags"] as? [String: Any])?["title"] as? String))
        }
        duration = Double((json["format"] as? [String: Any])?["duration"] as? String ?? "")
    }

    var video: [Packet] { packets.filter { $0.type == "video" } }
    var audio: [Packet] { packets.filter { $0.type == "audio" } }

    /// Media span covered by the packets: first DTS to last DTS plus its duration, over all tracks.
    var span: (start: Double, end: Double)? {
        guard let start = packets.map(\.dts).min(), let end = packets.map({ $0.dts + $0.duration }).max() else { return nil }
        return (start, end)
    }

    /// Decodes the whole file; true when ffmpeg reports no error.
    static func decodesCleanly(_ path: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = ["-v", "error", "-i", path, "-f", "null", "-"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 && data.isEmpty
    }
}
