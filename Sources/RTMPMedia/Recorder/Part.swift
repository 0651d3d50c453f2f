/// The fragment being gathered in memory: flushed to disk as one moof+mdat.
struct Part {
    var startDTS: Int64?
    var startWallTime: Double
    var packets = 0
    var bytes = 0

    init(now: Double) { startWallTime = now }

    mutating func add(dts: Int64, size: Int) {
        if startDTS == nil { startDTS = dts }
        packets += 1
        bytes += size
    }
}
