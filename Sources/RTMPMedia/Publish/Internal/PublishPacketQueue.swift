import CFFmpeg

/// Puts the packets of all output streams in DTS order before they are paced and sent (file
/// interleaving can be a second or more off). A packet leaves once every stream still running
/// has one waiting behind it, or when the queue grows past its limits. Packets come from a
/// small pool and go back to it: no allocation per packet in the steady state.
final class PublishPacketQueue {
    struct Entry {
        let packet: UnsafeMutablePointer<AVPacket>
        let stream: Int
        let dts: Int64
        let pts: Int64
        let duration: Int64
        /// Seconds into the file (for progress).
        let position: Double
        /// Which play of the file (0-based) the packet belongs to.
        let play: Int
    }

    private var entries: [Entry] = []
    private var pool: [UnsafeMutablePointer<AVPacket>] = []
    private var waiting: [Int]
    /// Streams that will send nothing more (ended, or absent).
    private var finished: [Bool]
    let maxCount: Int
    let maxSpan: Int64

    init(streams: Int, maxCount: Int = 256, maxSpanMicroseconds: Int64 = 3_000_000) {
        waiting = Array(repeating: 0, count: streams)
        finished = Array(repeating: false, count: streams)
        self.maxCount = maxCount
        maxSpan = maxSpanMicroseconds
        entries.reserveCapacity(maxCount + 8)
    }

    deinit {
        for entry in entries { free(entry.packet) }
        for packet in pool { free(packet) }
    }

    var count: Int { entries.count }

    /// Takes the data of `packet` (which is left blank) and queues it.
    func push(moving packet: UnsafeMutablePointer<AVPacket>, stream: Int, dts: Int64, pts: Int64,
              duration: Int64, position: Double, play: Int = 0) {
        let owned = pool.popLast() ?? av_packet_alloc()!
        av_packet_move_ref(owned, packet)
        let entry = Entry(packet: owned, stream: stream, dts: dts, pts: pts, duration: duration, position: position, play: play)
        // Stable insertion by DTS (newest packets nearly always go at the end).
        var i = entries.count
        while i > 0 && entries[i - 1].dts > dts { i -= 1 }
        entries.insert(entry, at: i)
        waiting[stream] += 1
    }

    /// The next packet to send, if one is due. `draining` releases everything.
    func pop(draining: Bool = false) -> Entry? {
        guard let first = entries.first else { return nil }
        var due = draining || entries.count > maxCount || (entries.last!.dts - first.dts) > maxSpan
        if !due {
            due = true
            for s in waiting.indices where !finished[s] && waiting[s] == 0 { due = false; break }
        }
        guard due else { return nil }
        entries.removeFirst()
        waiting[first.stream] -= 1
        return first
    }

    /// Returns a sent packet's storage to the pool.
    func recycle(_ entry: Entry) {
        av_packet_unref(entry.packet)
        pool.append(entry.packet)
    }

    /// Marks a stream as sending nothing more (or sending again).
    func setFinished(_ stream: Int, _ value: Bool) { finished[stream] = value }

    private func free(_ packet: UnsafeMutablePointer<AVPacket>) {
        var p: UnsafeMutablePointer<AVPacket>? = packet
        av_packet_free(&p)
    }
}
