import CFFmpeg

/// An AVPacket holding a copy of one JPEG file (with the padding libavcodec requires).
final class ImagePacket {
    let pointer: UnsafeMutablePointer<AVPacket>

    init(copying bytes: UnsafeRawBufferPointer) throws(ImageError) {
        guard let packet = av_packet_alloc() else { throw .undecodable("out of memory") }
        pointer = packet
        guard bytes.count < Int(Int32.max), av_new_packet(packet, Int32(bytes.count)) == 0,
              let data = packet.pointee.data, let source = bytes.baseAddress else {
            throw .undecodable("cannot allocate a packet of \(bytes.count) bytes")
        }
        data.update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        packet.pointee.flags |= AV_PKT_FLAG_KEY
    }

    deinit {
        var packet: UnsafeMutablePointer<AVPacket>? = pointer
        av_packet_free(&packet)
    }
}
