/// Cheap structural checks on JPEG bytes, done before handing them to the decoder: the mjpeg
/// decoder conceals damage and returns a picture for most truncated files, which would make a
/// half-transferred slide look like a new slide.
enum JPEGCheck {
    /// Throws unless `bytes` start with SOI (FF D8 FF) and end with EOI (FF D9), allowing for
    /// trailing padding bytes (00, FF, or ASCII whitespace) some encoders append.
    static func validate(_ bytes: UnsafeRawBufferPointer) throws(ImageError) {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF else { throw .notJPEG }
        var end = bytes.count
        while end > 4, isPadding(bytes[end - 1]), !(bytes[end - 2] == 0xFF && bytes[end - 1] == 0xD9) {
            end -= 1
        }
        guard end >= 4, bytes[end - 2] == 0xFF, bytes[end - 1] == 0xD9 else { throw .truncated }
    }

    private static func isPadding(_ byte: UInt8) -> Bool {
        byte == 0x00 || byte == 0xFF || byte == 0x20 || byte == 0x0A || byte == 0x0D
    }
}
