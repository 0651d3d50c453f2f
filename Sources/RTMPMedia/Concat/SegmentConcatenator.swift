import CFFmpeg
import Glibc

/// A chapter mark for `SegmentConcatenator`, at `start` seconds on the output's timeline.
public struct ChapterMark: Sendable, Equatable {
    public var title: String
    public var start: Double
    public init(title: String, start: Double) {
        self.title = title
        self.start = start
    }
}

/// What `SegmentConcatenator.concatenate` wrote.
public struct ConcatResult: Sendable, Equatable {
    public var path: String
    /// Output duration in seconds.
    public var duration: Double
    public var segments: Int
    public var packets: Int
}

/// Joins segment files of one track group (e.g. `main/*.mp4`) into one ordinary MP4 with its
/// index at the front (`faststart`), without re-encoding: each segment continues where the
/// previous one ended, so timestamps run on without gaps. Chapters become MP4 chapters.
///
/// The output is written under a temporary name and renamed when complete.
public enum SegmentConcatenator {
    public static func concatenate(_ inputs: [String], to output: String,
                                   chapters: [ChapterMark] = []) throws -> ConcatResult {
        MediaRuntime.prepare()
        guard !inputs.isEmpty else { throw MediaError.unsupportedInput("no segments to join") }
        let writer = try ConcatOutput(path: output, layout: try layout(of: inputs), chapters: chapters)
        let packet = Packet()
        for path in inputs {
            let input = try ConcatInput(path: path)
            try writer.append(input, using: packet)
        }
        return try writer.finish(segments: inputs.count)
    }

    /// Maps a time on the recording timeline (gaps included, as segment reports give it) to the
    /// joined file's timeline (gaps removed): for placing chapters.
    public static func outputTime(forRecordingTime t: Double, segments: [(start: Double, duration: Double)]) -> Double {
        var elapsed = 0.0
        for s in segments {
            if t < s.start { return elapsed }
            if t < s.start + s.duration { return elapsed + (t - s.start) }
            elapsed += s.duration
        }
        return elapsed
    }

    /// The output's tracks: for each kind, the codec parameters of the first segment that has it.
    private static func layout(of inputs: [String]) throws -> [TrackFormat] {
        var formats: [TrackFormat] = []
        for path in inputs {
            let input = try ConcatInput(path: path)
            for kind in [TrackKind.video, .audio] where !formats.contains(where: { $0.kind == kind }) {
                if let i = input.streamIndex(of: kind) {
                    formats.append(TrackFormat(kind: kind, parameters: try CodecParameters(copying: input.stream(i).pointee.codecpar)))
                }
            }
            if formats.count == 2 { break }
        }
        guard !formats.isEmpty else { throw MediaError.unsupportedInput("segments have no audio or video") }
        return formats.sorted { $0.kind == .video && $1.kind != .video }
    }
}
