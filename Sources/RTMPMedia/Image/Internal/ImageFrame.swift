import CFFmpeg

/// A decoded picture; freed with the object.
final class ImageFrame {
    let pointer: UnsafeMutablePointer<AVFrame>

    init() throws(ImageError) {
        guard let frame = av_frame_alloc() else { throw .undecodable("out of memory") }
        pointer = frame
    }

    var width: Int32 { pointer.pointee.width }
    var height: Int32 { pointer.pointee.height }
    var format: AVPixelFormat { AVPixelFormat(rawValue: pointer.pointee.format) }

    deinit {
        var frame: UnsafeMutablePointer<AVFrame>? = pointer
        av_frame_free(&frame)
    }
}
