import CFFmpeg

/// An owned copy of a stream's AVCodecParameters: what a segment's output stream is made from.
/// Kept apart from the input so a segment outlives the demuxer that described it (reconnects).
public final class CodecParameters: @unchecked Sendable {
    // Immutable after init except through `replacingExtradata`, which makes a new copy; safe to
    // share read-only between threads.
    let pointer: UnsafeMutablePointer<AVCodecParameters>

    init(copying source: UnsafePointer<AVCodecParameters>) throws {
        guard let p = avcodec_parameters_alloc() else { throw MediaError.ffmpeg("avcodec_parameters_alloc", pex_averror(ENOMEM)) }
        pointer = p
        try check(avcodec_parameters_copy(p, source), "avcodec_parameters_copy")
    }

    deinit {
        var p: UnsafeMutablePointer<AVCodecParameters>? = pointer
        avcodec_parameters_free(&p)
    }

    var codecID: AVCodecID { pointer.pointee.codec_id }
    var mediaType: AVMediaType { pointer.pointee.codec_type }
    public var width: Int { Int(pointer.pointee.width) }
    public var height: Int { Int(pointer.pointee.height) }
    public var sampleRate: Int { Int(pointer.pointee.sample_rate) }
    public var channels: Int { Int(pointer.pointee.ch_layout.nb_channels) }
    public var codecName: String { String(cString: avcodec_get_name(codecID)) }

    var extradata: UnsafeRawBufferPointer? {
        guard let data = pointer.pointee.extradata, pointer.pointee.extradata_size > 0 else { return nil }
        return UnsafeRawBufferPointer(start: data, count: Int(pointer.pointee.extradata_size))
    }

    /// A copy with `bytes` as extradata (and, for H.264, width/height re-read from its SPS).
    func replacingExtradata(_ bytes: UnsafeRawBufferPointer) throws -> CodecParameters {
        let copy = try CodecParameters(copying: pointer)
        av_freep(&copy.pointer.pointee.extradata)
        let padded = bytes.count + Int(AV_INPUT_BUFFER_PADDING_SIZE)
        guard let buffer = av_mallocz(padded)?.assumingMemoryBound(to: UInt8.self) else {
            throw MediaError.ffmpeg("av_mallocz", pex_averror(ENOMEM))
        }
        buffer.update(from: bytes.bindMemory(to: UInt8.self).baseAddress!, count: bytes.count)
        copy.pointer.pointee.extradata = buffer
        copy.pointer.pointee.extradata_size = Int32(bytes.count)
        copy.fillDimensionsFromSPS(force: true)
        return copy
    }

    /// FLV carries width/height only in onMetaData; the SPS in the AVC sequence header has them.
    func fillDimensionsFromSPS(force: Bool = false) {
        guard codecID == AV_CODEC_ID_H264, force || width == 0 || height == 0,
              let extradata, let sps = H264SPS(extradata: extradata) else { return }
        pointer.pointee.width = Int32(sps.width)
        pointer.pointee.height = Int32(sps.height)
    }
}
