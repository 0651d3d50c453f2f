import CFFmpeg

/// What a recording's track is made from: its kind and codec parameters.
public struct TrackFormat: Sendable {
    public var kind: TrackKind
    public var parameters: CodecParameters

    public init(kind: TrackKind, parameters: CodecParameters) {
        self.kind = kind
        self.parameters = parameters
    }
}

/// One output stream of a segment file: maps timeline microseconds to file time (zero at the
/// segment's first keyframe) in the stream's time base, and keeps its DTS strictly increasing
/// after rounding.
struct Track {
    let kind: TrackKind
    let stream: UnsafeMutablePointer<AVStream>
    private(set) var lastDTS: Int64?      // µs, timeline
    private(set) var lastStep: Int64 = 0  // µs
    private var lastStreamDTS: Int64?     // stream time base

    init(kind: TrackKind, stream: UnsafeMutablePointer<AVStream>) {
        self.kind = kind
        self.stream = stream
    }

    /// End of the track's media: last DTS plus the last frame step.
    var end: Int64? { lastDTS.map { $0 + lastStep } }

    /// Sets the packet's timestamps (from timeline µs) and stream index for writing.
    mutating func stamp(_ packet: UnsafeMutablePointer<AVPacket>, dts: Int64, pts: Int64, duration: Int64,
                        fileOrigin: Int64) {
        let tb = stream.pointee.time_base
        var outDTS = av_rescale_q(dts - fileOrigin, AVRational(num: 1, den: 1_000_000), tb)
        var outPTS = av_rescale_q(pts - fileOrigin, AVRational(num: 1, den: 1_000_000), tb)
        if let last = lastStreamDTS, outDTS <= last { outDTS = last + 1 }
        if outPTS < outDTS { outPTS = outDTS }
        packet.pointee.dts = outDTS
        packet.pointee.pts = outPTS
        packet.pointee.duration = duration > 0 ? av_rescale_q(duration, AVRational(num: 1, den: 1_000_000), tb) : 0
        packet.pointee.stream_index = stream.pointee.index
        packet.pointee.pos = -1
        lastStreamDTS = outDTS
        if let previous = lastDTS, dts > previous { lastStep = dts - previous }
        if duration > 0 { lastStep = duration }
        lastDTS = dts
    }
}
