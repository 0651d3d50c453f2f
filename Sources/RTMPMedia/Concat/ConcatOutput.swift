import CFFmpeg
import Glibc

/// The joined MP4 being written. Owns its AVFormatContext and file; the file appears under its
/// final name only after the trailer (and the faststart move of the index) is written.
final class ConcatOutput {
    private let path: String
    private let temporaryPath: String
    private var context: UnsafeMutablePointer<AVFormatContext>?
    private var streams: [(kind: TrackKind, stream: UnsafeMutablePointer<AVStream>)] = []
    /// Per output stream: last DTS written (stream time base) and end of media (µs).
    private var lastDTS: [Int64?]
    private var end: [Int64]
    private var packets = 0
    private static let microseconds = AVRational(num: 1, den: 1_000_000)

    init(path: String, layout: [TrackFormat], chapters: [ChapterMark]) throws {
        self.path = path
        temporaryPath = path + ".tmp"
        lastDTS = Array(repeating: nil, count: layout.count)
        end = Array(repeating: 0, count: layout.count)
        try check(avformat_alloc_output_context2(&context, nil, "mp4", nil), "create MP4 muxer")
        guard let ctx = context else { throw MediaError.ffmpeg("create MP4 muxer", pex_averror(ENOMEM)) }
        for format in layout {
            let st = try addMP4Stream(to: ctx, format)
            streams.append((format.kind, st))
        }
        try addChapters(chapters.sorted { $0.start < $1.start })
        ctx.pointee.url = av_strdup(temporaryPath) // faststart re-reads the file by its URL
        let opened = avio_open(&ctx.pointee.pb, temporaryPath, AVIO_FLAG_WRITE)
        if opened < 0 { throw MediaError.system(operation: "create", path: temporaryPath, errno: -opened) }
        var options: OpaquePointer?
        av_dict_set(&options, "movflags", "faststart", 0)
        defer { av_dict_free(&options) }
        try check(avformat_write_header(ctx, &options), "write MP4 header for \(path)")
    }

    deinit {
        if let ctx = context {
            avio_closep(&ctx.pointee.pb)
            avformat_free_context(ctx) // frees the chapters too
            unlink(temporaryPath)
        }
    }

    /// AVChapters on the output context; their count must be known before the header, their end
    /// times are completed in `finish`.
    private func addChapters(_ marks: [ChapterMark]) throws {
        guard let ctx = context else { return }
        for (i, mark) in marks.enumerated() {
            guard let chapter = av_mallocz(MemoryLayout<AVChapter>.size)?.assumingMemoryBound(to: AVChapter.self) else {
                throw MediaError.ffmpeg("av_mallocz", pex_averror(ENOMEM))
            }
            chapter.pointee.id = Int64(i + 1)
            chapter.pointee.time_base = AVRational(num: 1, den: 1000)
            chapter.pointee.start = Int64((mark.start * 1000).rounded())
            chapter.pointee.end = i + 1 < marks.count ? Int64((marks[i + 1].start * 1000).rounded()) : chapter.pointee.start
            av_dict_set(&chapter.pointee.metadata, "title", mark.title, 0)
            withUnsafeMutablePointer(to: &ctx.pointee.chapters) { list in
                list.withMemoryRebound(to: UnsafeMutableRawPointer?.self, capacity: 1) { raw in
                    av_dynarray_add(raw, &ctx.pointee.nb_chapters, chapter)
                }
            }
        }
    }

    /// Copies every packet of `input`, shifted to start where the output so far ends.
    func append(_ input: ConcatInput, using packet: Packet) throws {
        guard let ctx = context else { return }
        var mapping: [Int: Int] = [:]
        for (slot, s) in streams.enumerated() {
            guard let i = input.streamIndex(of: s.kind) else { continue }
            mapping[i] = slot
            if !Self.sameCodecSetup(input.stream(i).pointee.codecpar, s.stream.pointee.codecpar) {
                MediaLog.warning("\(input.path): \(s.kind.rawValue) codec set-up differs from the first segment's "
                    + "(a new resolution?); the joined file keeps the first one, so players may show this part wrongly")
            }
        }
        let outputEnd = end.max() ?? 0
        // Shift by where the segment's earliest stream begins, not by whichever packet comes
        // first: audio may start a few ms after video, and shifting by it would overlap the
        // previous segment's last video frame.
        var shift: Int64? = try input.earliestStart(of: Set(mapping.keys)).map { outputEnd - $0 }
        while try input.read(into: packet) {
            guard let slot = mapping[packet.streamIndex], let dts = packet.dts ?? packet.pts else { continue }
            let inTB = input.stream(packet.streamIndex).pointee.time_base
            let dtsUS = av_rescale_q(dts, inTB, Self.microseconds)
            let ptsUS = av_rescale_q(packet.pts ?? dts, inTB, Self.microseconds)
            let durationUS = av_rescale_q(packet.pointer.pointee.duration, inTB, Self.microseconds)
            if shift == nil { shift = outputEnd - dtsUS }
            let st = streams[slot].stream
            var outDTS = av_rescale_q(dtsUS + shift!, Self.microseconds, st.pointee.time_base)
            var outPTS = av_rescale_q(ptsUS + shift!, Self.microseconds, st.pointee.time_base)
            if let last = lastDTS[slot], outDTS <= last { outDTS = last + 1 }
            if outPTS < outDTS { outPTS = outDTS }
            lastDTS[slot] = outDTS
            end[slot] = max(end[slot], dtsUS + shift! + max(0, durationUS))
            packet.pointer.pointee.dts = outDTS
            packet.pointer.pointee.pts = outPTS
            packet.pointer.pointee.duration = av_rescale_q(packet.pointer.pointee.duration, inTB, st.pointee.time_base)
            packet.pointer.pointee.stream_index = st.pointee.index
            packet.pointer.pointee.pos = -1
            try check(av_interleaved_write_frame(ctx, packet.pointer), "write \(path)")
            packets += 1
        }
    }

    /// Same codec, size, rate and extradata: packets of one can be muxed under the other's header.
    private static func sameCodecSetup(_ a: UnsafeMutablePointer<AVCodecParameters>,
                                       _ b: UnsafeMutablePointer<AVCodecParameters>) -> Bool {
        let (x, y) = (a.pointee, b.pointee)
        guard x.codec_id == y.codec_id, x.width == y.width, x.height == y.height,
              x.sample_rate == y.sample_rate, x.extradata_size == y.extradata_size else { return false }
        guard x.extradata_size > 0, let ex = x.extradata, let ey = y.extradata else { return true }
        return memcmp(ex, ey, Int(x.extradata_size)) == 0
    }

    /// Completes the chapters, writes the trailer (moving the index to the front) and renames.
    func finish(segments: Int) throws -> ConcatResult {
        guard let ctx = context else { throw MediaError.unsupportedInput("output already finished") }
        let total = end.max() ?? 0
        let count = Int(ctx.pointee.nb_chapters)
        if count > 0, let last = ctx.pointee.chapters[count - 1] {
            last.pointee.end = max(last.pointee.start, av_rescale_q(total, Self.microseconds, last.pointee.time_base))
        }
        try check(av_write_trailer(ctx), "finish \(path)")
        avio_closep(&ctx.pointee.pb)
        avformat_free_context(ctx)
        context = nil
        guard rename(temporaryPath, path) == 0 else {
            let err = errno
            unlink(temporaryPath)
            throw MediaError.system(operation: "rename", path: path, errno: err)
        }
        return ConcatResult(path: path, duration: Double(total) / 1e6, segments: segments, packets: packets)
    }
}
