import CFFmpeg

/// FFmpeg's FLV muxer writing into memory through a custom write AVIOContext with
/// flush_packets, its output gathered into whole tags by an `FLVTagAssembler`.
/// Owns the output AVFormatContext and the AVIOContext (and its buffer); freed in deinit.
final class FLVMemoryMuxer {
    let context: UnsafeMutablePointer<AVFormatContext>
    let tags = FLVTagAssembler()
    private var io: UnsafeMutablePointer<AVIOContext>?
    private let microseconds = AVRational(num: 1, den: 1_000_000)
    private var lastDts: [Int64] = []

    init() throws {
        var ctx: UnsafeMutablePointer<AVFormatContext>?
        try check(avformat_alloc_output_context2(&ctx, nil, "flv", nil), "creating the FLV muxer")
        guard let ctx else { throw MediaError.ffmpeg("avformat_alloc_output_context2", pex_averror(ENOMEM)) }
        context = ctx
        let size: Int32 = 64 * 1024
        guard let buffer = av_malloc(Int(size)),
              let pb = avio_alloc_context(buffer.assumingMemoryBound(to: UInt8.self), size, 1,
                                          Unmanaged.passUnretained(tags).toOpaque(), nil, flvWriteCallback, nil)
        else {
            // Fully initialised already: deinit frees the context.
            throw MediaError.ffmpeg("avio_alloc_context", pex_averror(ENOMEM))
        }
        pb.pointee.seekable = 0
        io = pb
        ctx.pointee.pb = pb
        ctx.pointee.flags |= Int32(AVFMT_FLAG_CUSTOM_IO) | Int32(AVFMT_FLAG_FLUSH_PACKETS)
        ctx.pointee.flush_packets = 1
    }

    deinit {
        if let pb = io {
            av_freep(&pb.pointee.buffer)
            var doomed: UnsafeMutablePointer<AVIOContext>? = pb
            avio_context_free(&doomed)
        }
        context.pointee.pb = nil
        avformat_free_context(context)
    }

    /// A stream copied from the input (pass-through). Returns its index.
    func addStream(copying parameters: UnsafePointer<AVCodecParameters>) throws -> Int {
        guard let st = avformat_new_stream(context, nil) else { throw MediaError.ffmpeg("avformat_new_stream", pex_averror(ENOMEM)) }
        try check(avcodec_parameters_copy(st.pointee.codecpar, parameters), "avcodec_parameters_copy")
        st.pointee.codecpar.pointee.codec_tag = 0
        lastDts.append(Int64.min)
        return Int(st.pointee.index)
    }

    /// A stream fed by one of our encoders. Returns its index.
    func addStream(encoder: PublishEncoder) throws -> Int {
        guard let st = avformat_new_stream(context, nil) else { throw MediaError.ffmpeg("avformat_new_stream", pex_averror(ENOMEM)) }
        try check(avcodec_parameters_from_context(st.pointee.codecpar, encoder.context), "avcodec_parameters_from_context")
        st.pointee.time_base = encoder.timeBase
        lastDts.append(Int64.min)
        return Int(st.pointee.index)
    }

    /// Writes the FLV header, onMetaData and the codecs' sequence headers.
    func writeHeader() throws {
        var options: OpaquePointer?
        av_dict_set(&options, "flvflags", "no_duration_filesize", 0)
        defer { av_dict_free(&options) }
        try check(avformat_write_header(context, &options), "writing the FLV header")
    }

    /// Muxes one packet whose timestamps are microseconds on the output timeline. The packet's
    /// data is left to the caller. DTS is kept non-decreasing per stream and PTS >= DTS.
    func write(_ packet: UnsafeMutablePointer<AVPacket>, stream: Int, dts: Int64, pts: Int64, duration: Int64) throws {
        let st = context.pointee.streams[stream]!
        let tb = st.pointee.time_base
        var outDts = av_rescale_q(dts, microseconds, tb)
        if outDts < lastDts[stream] { outDts = lastDts[stream] }
        outDts = max(0, outDts)
        lastDts[stream] = outDts
        packet.pointee.stream_index = Int32(stream)
        packet.pointee.dts = outDts
        packet.pointee.pts = max(outDts, av_rescale_q(pts, microseconds, tb))
        packet.pointee.duration = max(0, av_rescale_q(duration, microseconds, tb))
        packet.pointee.pos = -1
        try check(av_write_frame(context, packet), "muxing FLV")
    }

    /// Writes what the muxer keeps for the end (the H.264 end-of-sequence tag).
    func writeTrailer() throws {
        try check(av_write_trailer(context), "finishing the FLV stream")
    }
}

/// AVIO write callback: appends the muxer's bytes to the tag assembler passed as `opaque`.
private func flvWriteCallback(_ opaque: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<UInt8>?,
                              _ size: Int32) -> Int32 {
    guard let opaque, let buffer, size > 0 else { return 0 }
    let tags = Unmanaged<FLVTagAssembler>.fromOpaque(opaque).takeUnretainedValue()
    tags.append(UnsafeRawBufferPointer(start: buffer, count: Int(size)))
    return size
}
