/// Watches the FLV byte stream (as librtmp produces it) for what the stream declares in its
/// `onMetaData` script tag: whether it has video (`videocodecid`) and audio (`audiocodecid`).
/// The FLV file header's flags cannot say it (librtmp writes them from the first packets), and
/// libavformat keeps these keys to itself. Used only while tracks are being discovered, so that a
/// recorder joining a stream between keyframes waits for the video rather than starting audio-only.
struct FLVTagSniffer {
    private(set) var declaresVideo = false
    private(set) var declaresAudio = false
    /// True once the first script tag has been seen (or the stream has gone on without one).
    private(set) var sawMetadata = false

    private enum State {
        case fileHeader(remaining: Int)
        case tagHeader
        case body(type: UInt8, remaining: Int)
        case trailer(remaining: Int)
    }

    private var state = State.fileHeader(remaining: 13) // 9-byte header + PreviousTagSize0
    private var header: [UInt8] = []
    private var script: [UInt8] = []
    private static let maxScript = 64 * 1024

    mutating func consume(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        while i < bytes.count {
            switch state {
            case .fileHeader(let remaining):
                let n = min(remaining, bytes.count - i)
                i += n
                state = remaining - n == 0 ? .tagHeader : .fileHeader(remaining: remaining - n)
            case .tagHeader:
                header.append(bytes[i])
                i += 1
                if header.count == 11 {
                    let size = Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
                    state = .body(type: header[0] & 0x1f, remaining: size)
                    header.removeAll(keepingCapacity: true)
                    if size == 0 { state = .trailer(remaining: 4) }
                }
            case .body(let type, let remaining):
                let n = min(remaining, bytes.count - i)
                if type == 18 && script.count + n <= Self.maxScript {
                    script.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<(i + n)]))
                }
                i += n
                if remaining - n == 0 {
                    if type == 18 { inspectScript() }
                    state = .trailer(remaining: 4)
                } else {
                    state = .body(type: type, remaining: remaining - n)
                }
            case .trailer(let remaining):
                let n = min(remaining, bytes.count - i)
                i += n
                state = remaining - n == 0 ? .tagHeader : .trailer(remaining: remaining - n)
            }
        }
    }

    private mutating func inspectScript() {
        if Self.contains(script, "videocodecid") { declaresVideo = true }
        if Self.contains(script, "audiocodecid") { declaresAudio = true }
        sawMetadata = true
        script.removeAll()
    }

    private static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard haystack.count >= n.count else { return false }
        for start in 0...(haystack.count - n.count) where haystack[start] == n[0] {
            if haystack[start..<(start + n.count)].elementsEqual(n) { return true }
        }
        return false
    }
}
