import CFFmpeg

public enum TrackKind: String, Sendable, Equatable {
    case video, audio
}

/// A demuxed stream the recorder can copy into MP4: H.264 video, or AAC/MP3 audio, with what the
/// MP4 muxer needs (extradata; width/height; sample rate and channels).
struct InputTrack {
    var kind: TrackKind
    var streamIndex: Int
    var timeBase: AVRational
    /// Timestamp width in bits (32 for FLV), for wrap-around.
    var wrapBits: Int
    var parameters: CodecParameters

    /// nil when the stream is not (yet) usable.
    init?(stream: UnsafeMutablePointer<AVStream>) {
        guard let par = stream.pointee.codecpar else { return nil }
        let p = par.pointee
        switch p.codec_type {
        case AVMEDIA_TYPE_VIDEO:
            guard p.codec_id == AV_CODEC_ID_H264 || p.codec_id == AV_CODEC_ID_HEVC,
                  p.extradata_size > 0 else { return nil }
            kind = .video
        case AVMEDIA_TYPE_AUDIO:
            guard p.codec_id == AV_CODEC_ID_AAC || p.codec_id == AV_CODEC_ID_MP3,
                  p.sample_rate > 0, p.ch_layout.nb_channels > 0,
                  p.codec_id != AV_CODEC_ID_AAC || p.extradata_size > 0 else { return nil }
            kind = .audio
        default:
            return nil
        }
        guard let copy = try? CodecParameters(copying: par) else { return nil }
        copy.fillDimensionsFromSPS()
        if kind == .video && (copy.width == 0 || copy.height == 0) { return nil }
        streamIndex = Int(stream.pointee.index)
        timeBase = stream.pointee.time_base
        wrapBits = Int(stream.pointee.pts_wrap_bits)
        parameters = copy
    }

    /// Whether a stream is one we would record once it is complete (so discovery waits for it).
    static func isCandidate(_ stream: UnsafeMutablePointer<AVStream>) -> Bool {
        guard let p = stream.pointee.codecpar?.pointee else { return false }
        return (p.codec_type == AVMEDIA_TYPE_VIDEO && (p.codec_id == AV_CODEC_ID_H264 || p.codec_id == AV_CODEC_ID_HEVC))
            || (p.codec_type == AVMEDIA_TYPE_AUDIO && (p.codec_id == AV_CODEC_ID_AAC || p.codec_id == AV_CODEC_ID_MP3))
    }
}
