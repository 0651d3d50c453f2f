import CFFmpeg

/// A libswscale context that shrinks one decoded picture to a small 8-bit grayscale image by
/// area averaging; freed with the object.
final class ImageScaler {
    private let pointer: OpaquePointer
    let width: Int
    let height: Int

    init(from frame: ImageFrame, width: Int, height: Int) throws(ImageError) {
        // JPEG decodes to the "yuvj" formats, which swscale accepts only with a warning; ask for
        // the plain format and say the range is full instead.
        let (format, fullRange) = Self.plainFormat(frame.format)
        guard let context = sws_getContext(frame.width, frame.height, format,
                                           Int32(width), Int32(height), AV_PIX_FMT_GRAY8,
                                           SWS_AREA, nil, nil, nil) else {
            throw .undecodable("cannot scale pixel format \(frame.format.rawValue)")
        }
        pointer = context
        self.width = width
        self.height = height
        if fullRange {
            let coefficients = sws_getCoefficients(SWS_CS_DEFAULT)
            _ = sws_setColorspaceDetails(context, coefficients, 1, coefficients, 1, 0, 1 << 16, 1 << 16)
        }
    }

    /// The picture as `width * height` gray levels, row by row.
    func scale(_ frame: ImageFrame) throws(ImageError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: width * height)
        let rows = withSourcePlanes(frame) { planes, strides in
            output.withUnsafeMutableBufferPointer { buffer in
                var destination: [UnsafeMutablePointer<UInt8>?] = [buffer.baseAddress, nil, nil, nil]
                var destinationStride: [Int32] = [Int32(width), 0, 0, 0]
                return sws_scale(pointer, planes, strides, 0, frame.height, &destination, &destinationStride)
            }
        }
        guard rows == Int32(height) else { throw .undecodable("scaling failed (\(rows))") }
        return output
    }

    private func withSourcePlanes<R>(
        _ frame: ImageFrame,
        _ body: ([UnsafePointer<UInt8>?], [Int32]) -> R
    ) -> R {
        let f = frame.pointer.pointee
        let planes: [UnsafePointer<UInt8>?] = [f.data.0, f.data.1, f.data.2, f.data.3,
                                               f.data.4, f.data.5, f.data.6, f.data.7]
            .map { $0.map { UnsafePointer($0) } }
        let strides = [f.linesize.0, f.linesize.1, f.linesize.2, f.linesize.3,
                       f.linesize.4, f.linesize.5, f.linesize.6, f.linesize.7]
        return body(planes, strides)
    }

    private static func plainFormat(_ format: AVPixelFormat) -> (AVPixelFormat, fullRange: Bool) {
        switch format {
        case AV_PIX_FMT_YUVJ420P: (AV_PIX_FMT_YUV420P, true)
        case AV_PIX_FMT_YUVJ422P: (AV_PIX_FMT_YUV422P, true)
        case AV_PIX_FMT_YUVJ444P: (AV_PIX_FMT_YUV444P, true)
        case AV_PIX_FMT_YUVJ440P: (AV_PIX_FMT_YUV440P, true)
        case AV_PIX_FMT_YUVJ411P: (AV_PIX_FMT_YUV411P, true)
        default: (format, false)
        }
    }

    deinit {
        sws_freeContext(pointer)
    }
}
