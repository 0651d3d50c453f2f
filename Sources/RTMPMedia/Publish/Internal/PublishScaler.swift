import CFFmpeg

/// Converts decoded pictures of any size and pixel format to yuv420p at the output size
/// (libswscale). Owns its SwsContext and the output frame, reused for every picture.
final class PublishScaler {
    let width: Int
    let height: Int
    private let output: UnsafeMutablePointer<AVFrame>
    private var sws: OpaquePointer?

    init(width: Int, height: Int) throws {
        self.width = width
        self.height = height
        guard let f = av_frame_alloc() else { throw MediaError.ffmpeg("av_frame_alloc", pex_averror(ENOMEM)) }
        output = f
        f.pointee.width = Int32(width)
        f.pointee.height = Int32(height)
        f.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        try check(av_frame_get_buffer(f, 0), "av_frame_get_buffer")
    }

    deinit {
        sws_freeContext(sws)
        var f: UnsafeMutablePointer<AVFrame>? = output
        av_frame_free(&f)
    }

    /// The converted picture (valid until the next call). Its pts is left for the caller.
    func scale(_ source: UnsafeMutablePointer<AVFrame>) throws -> UnsafeMutablePointer<AVFrame> {
        sws = sws_getCachedContext(sws, source.pointee.width, source.pointee.height,
                                   AVPixelFormat(rawValue: source.pointee.format),
                                   Int32(width), Int32(height), AV_PIX_FMT_YUV420P,
                                   Int32(SWS_BICUBIC), nil, nil, nil)
        guard let sws else { throw MediaError.unsupportedInput("cannot convert this picture format to yuv420p") }
        // The encoder may still hold a reference to the last picture: never draw over it.
        try check(av_frame_make_writable(output), "av_frame_make_writable")
        try check(sws_scale_frame(sws, output, source), "scaling the picture")
        output.pointee.pict_type = AV_PICTURE_TYPE_NONE
        return output
    }
}
