/// The picture size from an H.264 sequence parameter set (ITU-T H.264 7.3.2.1.1), found in an
/// AVCDecoderConfigurationRecord (FLV/MP4 extradata) or in Annex B extradata.
struct H264SPS: Equatable {
    var profile: Int
    var level: Int
    var width: Int
    var height: Int

    init?(extradata: UnsafeRawBufferPointer) {
        guard let nal = Self.firstSPS(in: extradata) else { return nil }
        self.init(nal: nal)
    }

    /// `nal` starts with the NAL header byte (type 7).
    init?(nal: [UInt8]) {
        guard nal.count > 4, nal[0] & 0x1f == 7 else { return nil }
        var r = BitReader(BitReader.rbsp(nal.dropFirst()))
        guard let profile = r.bits(8), r.bits(8) != nil, let level = r.bits(8),
              r.unsignedGolomb() != nil else { return nil }
        var chromaFormat: UInt32 = 1
        var separateColourPlanes = false
        if [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135].contains(profile) {
            guard let cf = r.unsignedGolomb() else { return nil }
            chromaFormat = cf
            if cf == 3 { separateColourPlanes = r.bit() == 1 }
            guard r.unsignedGolomb() != nil, r.unsignedGolomb() != nil, r.bit() != nil,
                  let scalingPresent = r.bit() else { return nil }
            if scalingPresent == 1 {
                for i in 0..<(cf == 3 ? 12 : 8) {
                    guard let present = r.bit() else { return nil }
                    if present == 1 && !Self.skipScalingList(&r, size: i < 6 ? 16 : 64) { return nil }
                }
            }
        }
        guard r.unsignedGolomb() != nil, let pocType = r.unsignedGolomb() else { return nil }
        if pocType == 0 {
            guard r.unsignedGolomb() != nil else { return nil }
        } else if pocType == 1 {
            guard r.bit() != nil, r.signedGolomb() != nil, r.signedGolomb() != nil,
                  let cycle = r.unsignedGolomb(), cycle < 256 else { return nil }
            for _ in 0..<cycle { guard r.signedGolomb() != nil else { return nil } }
        }
        guard r.unsignedGolomb() != nil, r.bit() != nil,
              let widthMbs = r.unsignedGolomb(), let heightUnits = r.unsignedGolomb(),
              let frameMbsOnly = r.bit() else { return nil }
        if frameMbsOnly == 0 { guard r.bit() != nil else { return nil } }
        guard r.bit() != nil, let cropping = r.bit() else { return nil }
        var crop = (left: UInt32(0), right: UInt32(0), top: UInt32(0), bottom: UInt32(0))
        if cropping == 1 {
            guard let l = r.unsignedGolomb(), let rt = r.unsignedGolomb(),
                  let t = r.unsignedGolomb(), let b = r.unsignedGolomb() else { return nil }
            crop = (l, rt, t, b)
        }
        let fieldFactor = Int(2 - frameMbsOnly)
        let arrayType = separateColourPlanes ? 0 : chromaFormat
        let cropX = arrayType == 0 ? 1 : (arrayType == 3 ? 1 : 2)
        let cropY = (arrayType == 0 ? 1 : (arrayType == 1 ? 2 : 1)) * fieldFactor
        self.profile = Int(profile)
        self.level = Int(level)
        width = Int(widthMbs + 1) * 16 - cropX * Int(crop.left + crop.right)
        height = fieldFactor * Int(heightUnits + 1) * 16 - cropY * Int(crop.top + crop.bottom)
        guard width > 0, height > 0 else { return nil }
    }

    private static func skipScalingList(_ r: inout BitReader, size: Int) -> Bool {
        var last: Int32 = 8, next: Int32 = 8
        for _ in 0..<size where next != 0 {
            guard let delta = r.signedGolomb() else { return false }
            next = (last + delta + 256) % 256
            if next != 0 { last = next }
        }
        return true
    }

    /// The first SPS NAL unit in avcC or Annex B extradata.
    static func firstSPS(in data: UnsafeRawBufferPointer) -> [UInt8]? {
        let b = Array(data.bindMemory(to: UInt8.self))
        if b.count > 8, b[0] == 1 {
            let count = Int(b[5] & 0x1f)
            guard count > 0 else { return nil }
            let length = Int(b[6]) << 8 | Int(b[7])
            guard 8 + length <= b.count else { return nil }
            return Array(b[8..<(8 + length)])
        }
        // Annex B: 00 00 01 start codes.
        var i = 0
        while i + 3 < b.count {
            if b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1 {
                let start = i + 3
                var end = start
                while end + 2 < b.count && !(b[end] == 0 && b[end + 1] == 0 && (b[end + 2] == 1 || b[end + 2] == 0)) {
                    end += 1
                }
                if end + 2 >= b.count { end = b.count }
                if start < b.count && b[start] & 0x1f == 7 { return Array(b[start..<end]) }
                i = end
            } else {
                i += 1
            }
        }
        return nil
    }
}
