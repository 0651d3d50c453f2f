import CFFmpeg

/// Adds an output stream for `format` to an MP4 muxer: codec parameters copied, no container tag
/// carried over, a time base the muxer keeps (90 kHz video, sample-rate audio), and the audio
/// frame size FLV never states (the muxer needs it for its sample tables).
func addMP4Stream(to ctx: UnsafeMutablePointer<AVFormatContext>, _ format: TrackFormat) throws
    -> UnsafeMutablePointer<AVStream>
{
    guard let stream = avformat_new_stream(ctx, nil), let par = stream.pointee.codecpar else {
        throw MediaError.ffmpeg("avformat_new_stream", pex_averror(ENOMEM))
    }
    try check(avcodec_parameters_copy(par, format.parameters.pointer), "copy codec parameters")
    par.pointee.codec_tag = 0
    if par.pointee.frame_size == 0 {
        if par.pointee.codec_id == AV_CODEC_ID_AAC { par.pointee.frame_size = 1024 }
        if par.pointee.codec_id == AV_CODEC_ID_MP3 { par.pointee.frame_size = 1152 }
    }
    stream.pointee.time_base = format.kind == .video
        ? AVRational(num: 1, den: 90_000)
        : AVRational(num: 1, den: Int32(max(1, format.parameters.sampleRate)))
    return stream
}
