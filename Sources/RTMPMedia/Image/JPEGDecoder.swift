import CFFmpeg

/// Decodes one JPEG file with libavcodec's mjpeg decoder and shrinks it to a small grayscale
/// picture with libswscale. Stateless: each call opens its own decoder, so calls may run on any
/// thread at the same time.
public enum JPEGDecoder {
    /// A decoded JPEG reduced to gray levels.
    public struct GrayImage: Sendable, Equatable {
        /// The JPEG's own size.
        public let sourceWidth: Int
        public let sourceHeight: Int
        /// The reduced picture: `width * height` gray levels (0 black ... 255 white), row by row.
        public let width: Int
        public let height: Int
        public let pixels: [UInt8]
    }

    /// Decodes `bytes` and scales the picture to `width` x `height` gray levels (area average).
    public static func gray(_ bytes: [UInt8], width: Int, height: Int) throws(ImageError) -> GrayImage {
        let result: Result<GrayImage, ImageError> = bytes.withUnsafeBytes { raw in
            do throws(ImageError) {
                return .success(try gray(raw, width: width, height: height))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The same from raw memory (no copy is kept after the call).
    public static func gray(_ bytes: UnsafeRawBufferPointer, width: Int, height: Int) throws(ImageError) -> GrayImage {
        precondition(width > 0 && height > 0, "a gray image needs a size")
        try JPEGCheck.validate(bytes)
        let frame = try decode(bytes)
        let scaler = try ImageScaler(from: frame, width: width, height: height)
        let pixels = try scaler.scale(frame)
        return GrayImage(sourceWidth: Int(frame.width), sourceHeight: Int(frame.height),
                         width: width, height: height, pixels: pixels)
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer) throws(ImageError) -> ImageFrame {
        let context = try ImageCodecContext()
        let packet = try ImagePacket(copying: bytes)
        let frame = try ImageFrame()
        var code = avcodec_send_packet(context.pointer, packet.pointer)
        if code < 0 { throw .undecodable(averrorString(code)) }
        code = avcodec_send_packet(context.pointer, nil)  // end of input: flush the one picture out
        if code < 0, code != pex_averror_eof() { throw .undecodable(averrorString(code)) }
        code = avcodec_receive_frame(context.pointer, frame.pointer)
        if code < 0 { throw .undecodable(code == pex_averror_eof() ? "no picture in the data" : averrorString(code)) }
        guard frame.width > 0, frame.height > 0 else { throw .undecodable("empty picture") }
        if frame.pointer.pointee.decode_error_flags != 0 {
            throw .undecodable("damaged picture data")
        }
        return frame
    }
}
