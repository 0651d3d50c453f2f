/// The size of a JPEG image, read from its start-of-frame header without decoding it.
public struct JPEGInfo: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// 1 (gray), 3 (YCbCr/RGB) or 4 (CMYK).
    public let components: Int

    public init(width: Int, height: Int, components: Int) {
        self.width = width
        self.height = height
        self.components = components
    }

    /// Walks the marker segments up to the first SOFn; nil when the bytes are not a JPEG or
    /// end before a frame header.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var index = 2
        while index + 3 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }  // fill byte
            index += 2
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { continue }  // no length field
            guard index + 1 < bytes.count else { return nil }
            let length = Int(bytes[index]) << 8 | Int(bytes[index + 1])
            guard length >= 2 else { return nil }
            if Self.isStartOfFrame(marker) {
                guard length >= 8, index + 7 < bytes.count else { return nil }
                height = Int(bytes[index + 3]) << 8 | Int(bytes[index + 4])
                width = Int(bytes[index + 5]) << 8 | Int(bytes[index + 6])
                components = Int(bytes[index + 7])
                guard width > 0, height > 0 else { return nil }
                return
            }
            if marker == 0xDA || marker == 0xD9 { return nil }  // scan data before any frame header
            index += length
        }
        return nil
    }

    /// SOF0...SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    private static func isStartOfFrame(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }
}
