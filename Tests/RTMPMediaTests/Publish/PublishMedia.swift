import Foundation
import XCTest

/// Test media made with the ffmpeg CLI once per test run, in a temporary folder.
final class PublishMedia: @unchecked Sendable {
    static let shared = PublishMedia()
    let directory: String
    private let lock = NSLock()

    private init() { directory = makeTemporaryDirectory("publish-media") }

    /// Makes `name` with ffmpeg `arguments` unless it exists; returns its path.
    private func make(_ name: String, _ arguments: [String]) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        let path = directory + "/" + name
        if FileManager.default.fileExists(atPath: path) { return path }
        let tmp = directory + "/tmp-" + name
        try runTool("/usr/bin/ffmpeg", ["-v", "error", "-y"] + arguments + [tmp])
        guard FileManager.default.fileExists(atPath: tmp) else { throw XCTSkip("ffmpeg could not make \(name)") }
        try FileManager.default.moveItem(atPath: tmp, toPath: path)
        return path
    }

    private static func sources(_ seconds: Double, size: String = "640x360", rate: Int = 25, audioRate: Int = 48_000) -> [String] {
        ["-f", "lavfi", "-i", "testsrc2=size=\(size):rate=\(rate)",
         "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=\(audioRate)", "-t", String(seconds)]
    }

    /// 6 s 640x360 25 fps H.264 (with B-frames) + AAC 48 kHz in MP4.
    func h264AAC() throws -> String {
        try make("h264aac.mp4", Self.sources(6) + ["-c:v", "libx264", "-preset", "veryfast", "-g", "50",
                                                   "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k"])
    }

    /// 2 s of the same, for loops.
    func shortH264AAC() throws -> String {
        try make("short.mp4", Self.sources(2) + ["-c:v", "libx264", "-preset", "veryfast", "-g", "25",
                                                 "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k"])
    }

    /// 6 s VP9 + Opus in WebM.
    func vp9Opus() throws -> String {
        try make("vp9opus.webm", Self.sources(6) + ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8",
                                                    "-b:v", "600k", "-c:a", "libopus", "-b:a", "64k"])
    }

    /// 2 s of 10-bit 4:4:4 H.264, no audio: re-encoded to 8-bit 4:2:0.
    func tenBit444() throws -> String {
        try make("444p10.mkv", ["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "2",
                                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv444p10le"])
    }

    func stillImage() throws -> String {
        try make("still.png", ["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=1", "-frames:v", "1"])
    }

    func mp3At22k() throws -> String {
        try make("tone.mp3", ["-f", "lavfi", "-i", "sine=frequency=300:sample_rate=22050", "-t", "2", "-c:a", "libmp3lame"])
    }

    func subtitlesOnly() throws -> String {
        let path = directory + "/only.srt"
        if !FileManager.default.fileExists(atPath: path) {
            try "1\n00:00:00,000 --> 00:00:02,000\nHello\n".write(toFile: path, atomically: true, encoding: .utf8)
        }
        return path
    }

    func empty() throws -> String {
        let path = directory + "/empty.mp4"
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        return path
    }

    func corrupt() throws -> String {
        let path = directory + "/corrupt.mp4"
        var bytes = [UInt8](repeating: 0, count: 64 * 1024)
        var seed: UInt32 = 12345
        for i in bytes.indices {
            seed = seed &* 1_103_515_245 &+ 12345
            bytes[i] = UInt8(truncatingIfNeeded: seed >> 16)
        }
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}
