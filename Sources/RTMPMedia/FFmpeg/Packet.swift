import CFFmpeg

/// One owned AVPacket, reused for every read on the hot path (`av_packet_unref` between uses).
final class Packet {
    let pointer: UnsafeMutablePointer<AVPacket>

    init() {
        guard let p = av_packet_alloc() else { fatalError("av_packet_alloc: out of memory") }
        pointer = p
    }

    deinit {
        var p: UnsafeMutablePointer<AVPacket>? = pointer
        av_packet_free(&p)
    }

    var streamIndex: Int { Int(pointer.pointee.stream_index) }
    var isKeyframe: Bool { pointer.pointee.flags & AV_PKT_FLAG_KEY != 0 }
    var size: Int { Int(pointer.pointee.size) }
    var dts: Int64? { pointer.pointee.dts == pex_nopts_value() ? nil : pointer.pointee.dts }
    var pts: Int64? { pointer.pointee.pts == pex_nopts_value() ? nil : pointer.pointee.pts }

    /// New codec extradata the demuxer attached (an FLV sequence header arriving mid-stream).
    var newExtradata: UnsafeRawBufferPointer? {
        var size: Int = 0
        guard let data = av_packet_get_side_data(pointer, AV_PKT_DATA_NEW_EXTRADATA, &size), size > 0
        else { return nil }
        return UnsafeRawBufferPointer(start: data, count: size)
    }

    func unref() { av_packet_unref(pointer) }

    /// Moves this packet's reference into `other`, leaving this one blank.
    func move(to other: Packet) {
        av_packet_unref(other.pointer)
        av_packet_move_ref(other.pointer, pointer)
    }
}
