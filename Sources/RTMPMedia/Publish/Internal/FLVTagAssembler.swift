/// Collects the FLV muxer's output, which may arrive split anywhere, and hands out whole,
/// aligned tags (11-byte header, body, 4-byte previous-tag-size trailer) for `RTMP_Write`.
/// The FLV file header at the start is dropped. One growable buffer, reused; no allocation per
/// tag once it has grown to the largest tag.
final class FLVTagAssembler {
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var headerSkipped = false

    init(capacity: Int = 256 * 1024) {
        self.capacity = capacity
        storage = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// Bytes held that are not yet part of a whole tag.
    var pendingBytes: Int { end - start }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (storage + end).copyMemory(from: base, byteCount: bytes.count)
        end += bytes.count
    }

    /// Hands every whole tag held to `body`, in order. A tag's bytes are valid only during the
    /// call. If `body` throws, the tag stays queued.
    func drainTags(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        if !headerSkipped {
            guard end - start >= 13 else { return }
            let p = storage + start
            if p.load(fromByteOffset: 0, as: UInt8.self) == 0x46,  // "FLV"
               p.load(fromByteOffset: 1, as: UInt8.self) == 0x4C,
               p.load(fromByteOffset: 2, as: UInt8.self) == 0x56 {
                let offset = Int(byte(p, 5)) << 24 | Int(byte(p, 6)) << 16 | Int(byte(p, 7)) << 8 | Int(byte(p, 8))
                guard end - start >= offset + 4 else { return }
                start += offset + 4
            }
            headerSkipped = true
        }
        while end - start >= 11 {
            let p = storage + start
            let bodySize = Int(byte(p, 1)) << 16 | Int(byte(p, 2)) << 8 | Int(byte(p, 3))
            let total = 11 + bodySize + 4
            guard end - start >= total else { break }
            try body(UnsafeRawBufferPointer(start: p, count: total))
            start += total
        }
        if start == end { start = 0; end = 0 }
    }

    private func byte(_ p: UnsafeMutableRawPointer, _ offset: Int) -> UInt8 {
        p.load(fromByteOffset: offset, as: UInt8.self)
    }

    private func reserve(_ extra: Int) {
        if end + extra <= capacity { return }
        // Slide what is pending to the front, then grow if that is not enough.
        let pending = end - start
        if start > 0 {
            storage.copyMemory(from: storage + start, byteCount: pending)
            start = 0
            end = pending
        }
        if end + extra <= capacity { return }
        var newCapacity = capacity * 2
        while newCapacity < end + extra { newCapacity *= 2 }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        grown.copyMemory(from: storage, byteCount: end)
        storage.deallocate()
        storage = grown
        capacity = newCapacity
    }
}
