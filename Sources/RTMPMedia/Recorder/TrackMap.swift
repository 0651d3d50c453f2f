/// Which input streams of the current connection are recorded, and as which output slot: one
/// video and one audio track at most, in the order they were found.
struct TrackMap {
    private(set) var formats: [TrackFormat] = []
    private var slotOfStream: [Int: Int] = [:]
    private var ignoredStreams: Set<Int> = []

    /// The output slot of input stream `index`, nil when it is not recorded (yet).
    func slot(ofStream index: Int) -> Int? { slotOfStream[index] }

    func kind(ofSlot slot: Int) -> TrackKind { formats[slot].kind }

    func has(_ kind: TrackKind) -> Bool { formats.contains { $0.kind == kind } }

    func isIgnored(_ index: Int) -> Bool { ignoredStreams.contains(index) }

    /// Records `track` unless its kind is already recorded; returns whether it was added.
    @discardableResult
    mutating func add(_ track: InputTrack) -> Bool {
        guard !has(track.kind) else {
            ignoredStreams.insert(track.streamIndex) // a second video or audio stream
            return false
        }
        slotOfStream[track.streamIndex] = formats.count
        formats.append(TrackFormat(kind: track.kind, parameters: track.parameters))
        return true
    }

    /// New codec set-up for a slot (a new sequence header mid-stream).
    mutating func replaceExtradata(ofSlot slot: Int, with bytes: UnsafeRawBufferPointer) throws {
        formats[slot] = TrackFormat(kind: formats[slot].kind,
                                    parameters: try formats[slot].parameters.replacingExtradata(bytes))
    }

    var descriptions: [TrackDescription] { formats.map(TrackDescription.init) }
}

extension TrackDescription {
    init(_ format: TrackFormat) {
        let p = format.parameters
        self.init(kind: format.kind, codec: p.codecName, width: p.width, height: p.height,
                  sampleRate: p.sampleRate, channels: p.channels)
    }
}
