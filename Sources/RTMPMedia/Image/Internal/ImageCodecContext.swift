import CFFmpeg

/// One opened libavcodec mjpeg decoder; freed with the object.
final class ImageCodecContext {
    let pointer: UnsafeMutablePointer<AVCodecContext>

    init() throws(ImageError) {
        guard let codec = avcodec_find_decoder(AV_CODEC_ID_MJPEG) else {
            throw .undecodable("this FFmpeg has no mjpeg decoder")
        }
        guard let context = avcodec_alloc_context3(codec) else { throw .undecodable("out of memory") }
        pointer = context
        // One picture at a time: frame threads would only add latency.
        context.pointee.thread_count = 1
        let code = avcodec_open2(context, codec, nil)
        if code < 0 { throw .undecodable(averrorString(code)) }
    }

    deinit {
        var context: UnsafeMutablePointer<AVCodecContext>? = pointer
        avcodec_free_context(&context)
    }
}
