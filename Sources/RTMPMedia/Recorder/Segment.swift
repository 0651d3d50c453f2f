import CFFmpeg
import Glibc

/// One fragmented MP4 file. Written under a hidden temporary name, it is renamed to its final
/// name once its first part (ftyp + moov + first moof/mdat) is on disk, so a file under a final
/// name always plays. Owns its AVFormatContext and the AVIOContext of the file; `finish()` (or
/// `deinit`, after a failure) writes the trailer or releases them.
final class Segment {
    let index: Int
    let fileName: String
    let path: String
    let temporaryPath: String
    let mediaStart: Int64          // µs on the media timeline
    let timelineStart: Double      // seconds on the recording timeline
    let gapBefore: Double?

    private var context: UnsafeMutablePointer<AVFormatContext>?
    private var tracks: [Track] = []
    /// The codec set-up each track was made from (kept, and compared by identity).
    private let madeFrom: [CodecParameters]
    private(set) var part: Part
    private(set) var isOnDisk = false
    private(set) var packetCount = 0

    init(index: Int, directory: String, fileName: String, formats: [TrackFormat],
         mediaStart: Int64, timelineStart: Double, gapBefore: Double?, now: Double) throws {
        self.index = index
        self.fileName = fileName
        path = directory + "/" + fileName
        temporaryPath = directory + "/." + fileName + ".tmp"
        self.mediaStart = mediaStart
        self.timelineStart = timelineStart
        self.gapBefore = gapBefore
        part = Part(now: now)
        madeFrom = formats.map(\.parameters)

        try check(avformat_alloc_output_context2(&context, nil, "mp4", nil), "create MP4 muxer")
        guard let ctx = context else { throw MediaError.ffmpeg("create MP4 muxer", pex_averror(ENOMEM)) }
        for format in formats {
            let stream = try addMP4Stream(to: ctx, format)
            tracks.append(Track(kind: format.kind, stream: stream))
        }
        let opened = avio_open(&ctx.pointee.pb, temporaryPath, AVIO_FLAG_WRITE)
        if opened < 0 { throw MediaError.system(operation: "create", path: temporaryPath, errno: -opened) }

        // File time starts at 0 on the segment's first keyframe (we shift, libavformat must not:
        // it would shift by whichever packet comes first). frag_discont makes each track's first
        // fragment start at its own first DTS, so an audio track starting a few ms after the
        // keyframe keeps that offset; without an edit list, since the moov is written first.
        ctx.pointee.avoid_negative_ts = AVFMT_AVOID_NEG_TS_MAKE_NON_NEGATIVE
        var options: OpaquePointer?
        av_dict_set(&options, "movflags", "frag_custom+empty_moov+default_base_moof+frag_discont", 0)
        av_dict_set(&options, "use_editlist", "0", 0)
        defer { av_dict_free(&options) }
        try check(avformat_write_header(ctx, &options), "write MP4 header for \(fileName)")
    }

    deinit {
        // Only reached without finish() after a failure: close the file, keep what is on disk.
        if let ctx = context {
            avio_closep(&ctx.pointee.pb)
            avformat_free_context(ctx)
            context = nil
        }
        if !isOnDisk { unlink(temporaryPath) }
    }

    var hasVideo: Bool { tracks.contains { $0.kind == .video } }
    var kinds: [TrackKind] { tracks.map(\.kind) }

    /// Whether packets of `format` can go into this file's track `slot`: the same codec set-up.
    func accepts(_ format: TrackFormat, inSlot slot: Int) -> Bool {
        slot < madeFrom.count && madeFrom[slot] === format.parameters
    }

    /// End of the media written so far, µs.
    var mediaEnd: Int64 { tracks.compactMap(\.end).max() ?? mediaStart }

    private var finalBytes: Int64 = 0
    var bytesOnDisk: Int64 { context?.pointee.pb.map { avio_tell($0) } ?? finalBytes }

    /// Writes one packet (timestamps in timeline µs) into the current part.
    func write(_ packet: UnsafeMutablePointer<AVPacket>, track slot: Int, dts: Int64, pts: Int64,
               duration: Int64) throws {
        guard let ctx = context, slot < tracks.count else { return }
        let size = Int(packet.pointee.size)
        tracks[slot].stamp(packet, dts: dts, pts: pts, duration: duration, fileOrigin: mediaStart)
        try check(av_write_frame(ctx, packet), "write packet to \(fileName)")
        part.add(dts: dts, size: size)
        packetCount += 1
    }

    /// Flushes the current part to disk as one fragment. The first flush also moves the file to
    /// its final name. Returns whether anything was flushed.
    @discardableResult
    func flushPart(now: Double) throws -> Bool {
        guard let ctx = context, part.packets > 0 else { return false }
        try check(av_write_frame(ctx, nil), "flush fragment of \(fileName)")
        avio_flush(ctx.pointee.pb)
        if let pb = ctx.pointee.pb, pb.pointee.error < 0 {
            throw MediaError.ffmpeg("write \(fileName)", pb.pointee.error)
        }
        part = Part(now: now)
        if !isOnDisk {
            guard rename(temporaryPath, path) == 0 else {
                throw MediaError.system(operation: "rename", path: path, errno: errno)
            }
            isOnDisk = true
        }
        return true
    }

    /// Flushes the last part, writes the trailer and closes the file. A segment that never got a
    /// packet leaves no file behind.
    func finish(now: Double) throws {
        guard let ctx = context else { return }
        defer {
            avio_closep(&ctx.pointee.pb)
            avformat_free_context(ctx)
            context = nil
        }
        if packetCount == 0 { return }
        try flushPart(now: now)
        try check(av_write_trailer(ctx), "finish \(fileName)")
        finalBytes = ctx.pointee.pb.map { avio_tell($0) } ?? 0
    }

    func report(complete: Bool) -> SegmentReport {
        SegmentReport(index: index, fileName: fileName, path: path, start: timelineStart,
                      mediaStart: Double(mediaStart) / 1e6,
                      duration: Double(mediaEnd - mediaStart) / 1e6,
                      gapBefore: gapBefore, bytes: bytesOnDisk, tracks: kinds, isComplete: complete)
    }
}
