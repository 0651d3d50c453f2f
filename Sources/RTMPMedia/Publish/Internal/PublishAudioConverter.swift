import CFFmpeg

/// Turns decoded audio of any format, rate and layout into encoder-sized planar-float frames
/// (libswresample), with each frame's pts counted in output samples. Keeps the audio on the
/// timeline it is given: a gap beyond `tolerance` is filled with silence, an overlap beyond it
/// drops the input frame, so looping or a hole in the file cannot pull audio out of sync.
///
/// Owns the SwrContext and the frame being filled, reused for every output frame.
final class PublishAudioConverter {
    let sampleRate: Int
    let channels: Int
    let frameSize: Int
    /// Output samples of drift allowed before silence is inserted or input dropped.
    let toleranceSamples: Int64

    private var swr: OpaquePointer?
    private var inputKey: (format: Int32, rate: Int32, channels: Int32) = (-1, 0, 0)
    private let frame: UnsafeMutablePointer<AVFrame>
    /// Samples already in `frame`.
    private var fill = 0
    /// Output position of `frame`'s first sample; nil before the first input.
    private var frameStart: Int64?
    private let outPointers: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>
    private let emptyInput: UnsafeMutablePointer<UnsafePointer<UInt8>?>

    init(sampleRate: Int, channels: Int, frameSize: Int, toleranceMilliseconds: Int = 40) throws {
        self.sampleRate = sampleRate
        self.channels = channels
        self.frameSize = max(1, frameSize)
        toleranceSamples = Int64(sampleRate * toleranceMilliseconds / 1000)
        guard let f = av_frame_alloc() else { throw MediaError.ffmpeg("av_frame_alloc", pex_averror(ENOMEM)) }
        frame = f
        f.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
        f.pointee.sample_rate = Int32(sampleRate)
        f.pointee.nb_samples = Int32(self.frameSize)
        av_channel_layout_default(&f.pointee.ch_layout, Int32(channels))
        outPointers = .allocate(capacity: max(channels, 1))
        emptyInput = .allocate(capacity: 64)
        emptyInput.initialize(repeating: nil, count: 64)
        try check(av_frame_get_buffer(f, 0), "av_frame_get_buffer")
    }

    deinit {
        swr_free(&swr)
        var f: UnsafeMutablePointer<AVFrame>? = frame
        av_frame_free(&f)
        outPointers.deallocate()
        emptyInput.deallocate()
    }

    /// Where the next output sample will sit, in output samples.
    private var position: Int64? { frameStart.map { $0 + Int64(fill) } }

    /// Converts `input`, whose first sample belongs at `timelineMicroseconds`, and hands every
    /// complete frame (pts in output samples) to `emit`.
    func push(_ input: UnsafeMutablePointer<AVFrame>, timelineMicroseconds: Int64,
              emit: (UnsafeMutablePointer<AVFrame>) throws -> Void) throws {
        try prepareResampler(for: input)
        let expected = timelineMicroseconds * Int64(sampleRate) / 1_000_000
        if let position {
            let buffered = swr_get_delay(swr, Int64(sampleRate))
            let drift = expected - (position + buffered)
            if drift < -toleranceSamples { return }
            if drift > toleranceSamples { try appendSilence(Int(drift), emit: emit) }
        } else {
            frameStart = expected
        }
        let inputData = UnsafeMutablePointer<UnsafePointer<UInt8>?>(OpaquePointer(input.pointee.extended_data))
        // What does not fit stays buffered in the resampler; a short conversion means it is empty.
        _ = try convert(inputData, Int32(input.pointee.nb_samples))
        while fill == frameSize {
            try emitFrame(emit)
            _ = try convert(emptyInput, 0)
        }
    }

    /// Drains the resampler and emits the last, possibly short, frame.
    func flush(emit: (UnsafeMutablePointer<AVFrame>) throws -> Void) throws {
        guard swr != nil else { return }
        while true {
            if fill == frameSize { try emitFrame(emit) }
            if try convert(nil, 0) == 0 { break }
        }
        if fill > 0 { try emitFrame(emit) }
    }

    /// Converts into the free part of `frame`; returns the samples added.
    private func convert(_ data: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, _ count: Int32) throws -> Int {
        try check(av_frame_make_writable(frame), "av_frame_make_writable")
        let room = frameSize - fill
        guard let planes = frame.pointee.extended_data else { return 0 }
        for ch in 0..<channels { outPointers[ch] = planes[ch]! + fill * 4 }
        let n = swr_convert(swr, outPointers, Int32(room), data, count)
        try check(n, "resampling audio")
        fill += Int(n)
        return Int(n)
    }

    private func appendSilence(_ samples: Int, emit: (UnsafeMutablePointer<AVFrame>) throws -> Void) throws {
        var left = samples
        while left > 0 {
            try check(av_frame_make_writable(frame), "av_frame_make_writable")
            let n = min(left, frameSize - fill)
            guard let planes = frame.pointee.extended_data else { return }
            for ch in 0..<channels { (planes[ch]! + fill * 4).initialize(repeating: 0, count: n * 4) }
            fill += n
            left -= n
            if fill == frameSize { try emitFrame(emit) }
        }
    }

    private func emitFrame(_ emit: (UnsafeMutablePointer<AVFrame>) throws -> Void) throws {
        frame.pointee.nb_samples = Int32(fill)
        frame.pointee.pts = frameStart ?? 0
        try emit(frame)
        frameStart = (frameStart ?? 0) + Int64(fill)
        fill = 0
        frame.pointee.nb_samples = Int32(frameSize)
    }

    private func prepareResampler(for input: UnsafeMutablePointer<AVFrame>) throws {
        let key = (format: input.pointee.format, rate: input.pointee.sample_rate,
                   channels: input.pointee.ch_layout.nb_channels)
        if swr != nil && key == inputKey { return }
        swr_free(&swr)
        inputKey = key
        var inLayout = AVChannelLayout()
        if input.pointee.ch_layout.order == AV_CHANNEL_ORDER_UNSPEC {
            av_channel_layout_default(&inLayout, key.channels)
        } else {
            try check(av_channel_layout_copy(&inLayout, &input.pointee.ch_layout), "av_channel_layout_copy")
        }
        defer { av_channel_layout_uninit(&inLayout) }
        var outLayout = AVChannelLayout()
        av_channel_layout_default(&outLayout, Int32(channels))
        defer { av_channel_layout_uninit(&outLayout) }
        try check(swr_alloc_set_opts2(&swr, &outLayout, AV_SAMPLE_FMT_FLTP, Int32(sampleRate),
                                      &inLayout, AVSampleFormat(rawValue: key.format), key.rate, 0, nil),
                  "setting up the resampler")
        try check(swr_init(swr), "setting up the resampler")
    }
}
