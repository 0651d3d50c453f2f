/// Reads bits and Exp-Golomb codes from an H.264 RBSP (emulation-prevention bytes removed).
struct BitReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var bitsLeft: Int { bytes.count * 8 - position }

    mutating func bit() -> UInt32? {
        guard position < bytes.count * 8 else { return nil }
        let b = (bytes[position >> 3] >> (7 - UInt8(position & 7))) & 1
        position += 1
        return UInt32(b)
    }

    mutating func bits(_ n: Int) -> UInt32? {
        var v: UInt32 = 0
        for _ in 0..<n {
            guard let b = bit() else { return nil }
            v = v << 1 | b
        }
        return v
    }

    /// ue(v)
    mutating func unsignedGolomb() -> UInt32? {
        var zeros = 0
        while true {
            guard let b = bit() else { return nil }
            if b == 1 { break }
            zeros += 1
            if zeros > 31 { return nil }
        }
        guard let rest = bits(zeros) else { return nil }
        return (UInt32(1) << UInt32(zeros)) - 1 + rest
    }

    /// se(v)
    mutating func signedGolomb() -> Int32? {
        guard let k = unsignedGolomb() else { return nil }
        let magnitude = Int32((k + 1) / 2)
        return k % 2 == 1 ? magnitude : -magnitude
    }

    /// Removes 0x000003 emulation-prevention bytes from a NAL unit's payload.
    static func rbsp<C: Collection>(_ nal: C) -> [UInt8] where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(nal.count)
        var zeros = 0
        for byte in nal {
            if zeros >= 2 && byte == 3 { zeros = 0; continue }
            zeros = byte == 0 ? zeros + 1 : 0
            out.append(byte)
        }
        return out
    }
}
