import Foundation
import XCTest
@testable import RTMPMedia

/// Records a live stream from a real RTMP server (nginx-rtmp), published by ffmpeg.
final class RTMPRecordingTests: XCTestCase {
    private var server: RTMPServer!
    private var publisher: Publisher?
    private var output: String!

    override func setUpWithError() throws {
        guard RTMPServer.isAvailable else { throw XCTSkip("nginx with the RTMP module is not installed") }
        server = try RTMPServer()
        output = makeTemporaryDirectory("rtmp")
    }

    override func tearDown() {
        publisher?.stop()
        server?.stop()
        if let output { try? FileManager.default.removeItem(atPath: output) }
    }

    private func options() -> RecorderOptions {
        var o = RecorderOptions()
        o.segmentDuration = 2
        o.partDuration = 0.5
        o.connection.receiveTimeout = 2
        o.reconnect = ReconnectPolicy(initialDelay: 0.25, maxDelay: 1, giveUpAfter: 20)
        o.discoveryWindow = 1
        return o
    }

    /// ~8 s of live recording with 2 s segments and 0.5 s parts. Mid-way, the files on disk are
    /// copied exactly as a kill -9 would leave them, and every copy must play.
    func testLiveRecordingIsSegmentedAndCrashSafe() throws {
        publisher = try Publisher(url: server.url("test"))
        let log = EventLog()
        let recorder = StreamRecorder(source: .rtmp(server.url("test")), outputDirectory: output + "/main",
                                      options: options()) { log.append($0) }
        let recordingStarted = Date()
        try recorder.start()
        XCTAssertTrue(waitUntil(timeout: 10) { log.createdSegments.count >= 2 }, "recording started")

        // Snapshot mid-recording: the finished segments plus the one being written.
        usleep(1_300_000)
        let head = recorder.progress.mediaDuration
        let snapshot = output + "/crash"
        try FileManager.default.createDirectory(atPath: snapshot, withIntermediateDirectories: true)
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: output + "/main").filter { $0.hasSuffix(".mp4") && !$0.hasPrefix(".") }
        for name in onDisk { try FileManager.default.copyItem(atPath: output + "/main/" + name, toPath: snapshot + "/" + name) }
        let openSegment = log.createdSegments.last!

        usleep(4_500_000)
        recorder.stop()
        XCTAssertEqual(recorder.wait(), .stopped)
        let recordedFor = Date().timeIntervalSince(recordingStarted)

        // Every copied file plays; the open one lost at most one part.
        XCTAssertFalse(onDisk.isEmpty)
        for name in onDisk {
            let copy = snapshot + "/" + name
            XCTAssertTrue(try Probe.decodesCleanly(copy), "\(name) copied mid-recording decodes")
            let probe = try Probe(copy)
            XCTAssertEqual(probe.streams.map(\.codec).sorted(), ["aac", "h264"], name)
            XCTAssertEqual(probe.video.first?.key, true, name)
        }
        let openCopy = try Probe(snapshot + "/" + openSegment.fileName)
        let copiedEnd = openSegment.mediaStart + (openCopy.span?.end ?? 0)
        XCTAssertLessThanOrEqual(head - copiedEnd, 0.5 + 0.35, "a crash loses at most one part (+ packet latency)")

        // Each file appeared under its final name exactly when its first part was complete.
        XCTAssertEqual(log.createdFileExisted, Array(repeating: true, count: log.createdSegments.count))
        XCTAssertTrue(log.createdSegments.allSatisfy { $0.duration > 0 && $0.bytes > 0 })

        // The finished recording.
        let segments = log.finishedSegments
        XCTAssertGreaterThanOrEqual(segments.count, 4)
        XCTAssertEqual(segments.map(\.index), Array(1...segments.count))
        var previousEnd: Double?
        for segment in segments {
            let probe = try Probe(segment.path)
            XCTAssertEqual(probe.streams.map(\.codec).sorted(), ["aac", "h264"], segment.fileName)
            XCTAssertEqual(probe.streams.first { $0.type == "video" }?.width, 640)
            XCTAssertEqual(probe.streams.first { $0.type == "video" }?.height, 360)
            XCTAssertEqual(probe.video.first?.key, true, "\(segment.fileName) starts on a keyframe")
            let keyframeTime = probe.video.first?.dts ?? -1
            XCTAssertEqual(keyframeTime, 0, accuracy: 0.0001, "\(segment.fileName): file time starts at the keyframe")
            XCTAssertGreaterThanOrEqual(probe.packets.map(\.dts).min() ?? -1, keyframeTime, "nothing before the keyframe")
            let dts = probe.packets.filter { $0.type == "video" }.map { $0.dts + segment.mediaStart }
            XCTAssertEqual(dts, dts.sorted())
            if let previousEnd { XCTAssertEqual(segment.mediaStart, previousEnd, accuracy: 0.05, "no hole between segments") }
            previousEnd = segment.mediaStart + segment.duration
            XCTAssertEqual(probe.span.map { $0.end - $0.start } ?? 0, segment.duration, accuracy: 0.1)
            XCTAssertNil(segment.gapBefore)
        }
        let total = segments.map(\.duration).reduce(0, +)
        let received = recorder.progress.mediaDuration - segments[0].mediaStart
        XCTAssertEqual(total, received, accuracy: 0.3, "durations add up to the media received after the first keyframe")
        // Against the wall clock: the first segment waits for a keyframe (one interval, 2 s, at
        // most), plus connection set-up.
        XCTAssertLessThanOrEqual(total, recordedFor + 0.2)
        XCTAssertGreaterThanOrEqual(total, recordedFor - 2.0 - 1.0, "durations add up to the recorded span")
        XCTAssertGreaterThan(recorder.progress.bytesIn, 100_000)
        XCTAssertGreaterThan(recorder.progress.packets, 200)
    }

    /// The publisher dies mid-way and comes back with another resolution. nginx keeps the player
    /// connected: the new stream starts again at timestamp 0 on the same connection, with a new
    /// AVC sequence header. The recorder goes on in a new segment, with the new size, on the same
    /// timeline, and reports the gap.
    func testPublisherRestartStartsANewSegmentAfterAGap() throws {
        publisher = try Publisher(url: server.url("drop"))
        let log = EventLog()
        let recorder = StreamRecorder(source: .rtmp(server.url("drop")), outputDirectory: output + "/main",
                                      options: options()) { log.append($0) }
        try recorder.start()
        XCTAssertTrue(waitUntil(timeout: 10) { log.createdSegments.count >= 1 })
        usleep(1_500_000)
        publisher?.stop()
        usleep(1_500_000)
        publisher = try Publisher(url: server.url("drop"), size: "1280x720")
        XCTAssertTrue(waitUntil(timeout: 15) { log.createdSegments.contains { $0.gapBefore != nil } },
                      "a segment after the gap")
        usleep(1_500_000)
        recorder.stop()
        XCTAssertEqual(recorder.wait(), .stopped)
        try checkGap(log, atLeast: 1.0)
        let sizes = try log.finishedSegments.map { s -> String in
            let v = try Probe(s.path).streams.first { $0.type == "video" }
            return "\(v?.width ?? 0)x\(v?.height ?? 0)"
        }
        XCTAssertEqual(sizes.first, "640x360")
        XCTAssertEqual(sizes.last, "1280x720", "the new sequence header's size: \(sizes)")
    }

    /// The server goes away (every connection drops) and comes back: the recorder reconnects
    /// with back-off and goes on in a new segment after the gap.
    func testReconnectsAfterServerRestart() throws {
        publisher = try Publisher(url: server.url("drop"))
        let log = EventLog()
        let recorder = StreamRecorder(source: .rtmp(server.url("drop")), outputDirectory: output + "/main",
                                      options: options()) { log.append($0) }
        try recorder.start()
        XCTAssertTrue(waitUntil(timeout: 10) { log.createdSegments.count >= 1 })
        usleep(1_500_000)
        publisher?.stop()
        try server.restart(downFor: 1.0)
        publisher = try Publisher(url: server.url("drop"))
        XCTAssertTrue(waitUntil(timeout: 15) { log.createdSegments.contains { $0.gapBefore != nil } },
                      "a segment after the gap")
        usleep(1_500_000)
        recorder.stop()
        XCTAssertEqual(recorder.wait(), .stopped)
        XCTAssertGreaterThanOrEqual(log.reconnects, 1)
        XCTAssertEqual(recorder.progress.reconnects, log.reconnects)
        XCTAssertTrue(log.all.contains { if case .disconnected = $0 { true } else { false } })
        try checkGap(log, atLeast: 1.0)
    }

    private func checkGap(_ log: EventLog, atLeast minimum: Double) throws {
        XCTAssertEqual(log.gaps.count, 1, "one gap: \(log.gaps)")
        XCTAssertGreaterThan(log.gaps.first ?? 0, minimum)
        let segments = log.finishedSegments
        guard let gapIndex = segments.firstIndex(where: { $0.gapBefore != nil }), gapIndex > 0 else {
            return XCTFail("no segment reports the gap: \(segments)")
        }
        let before = segments[gapIndex - 1], after = segments[gapIndex]
        // The reported hole: the time without a connection, plus whatever came before the first
        // keyframe of the new stream (it cannot begin a segment).
        XCTAssertGreaterThanOrEqual(after.gapBefore ?? 0, (log.gaps.first ?? 99) - 0.05)
        XCTAssertEqual(after.start, before.start + before.duration + (after.gapBefore ?? 0), accuracy: 0.01,
                       "the recording timeline keeps the gap")
        XCTAssertGreaterThanOrEqual(after.mediaStart, before.mediaStart + before.duration - 0.01,
                                    "the media timeline runs on")
        XCTAssertLessThanOrEqual(after.mediaStart - (before.mediaStart + before.duration),
                                 after.gapBefore ?? 0, "the wall-clock part of the gap is not in the media")
        for segment in segments {
            let probe = try Probe(segment.path)
            XCTAssertEqual(probe.streams.map(\.codec).sorted(), ["aac", "h264"], segment.fileName)
            XCTAssertEqual(probe.video.first?.key, true, segment.fileName)
            XCTAssertTrue(try Probe.decodesCleanly(segment.path), segment.fileName)
        }
    }

    /// Stop while the source is silent (no publisher): the blocked read is interrupted at once.
    func testStopInterruptsABlockedRead() throws {
        let log = EventLog()
        var o = options()
        o.connection.receiveTimeout = 30
        let recorder = StreamRecorder(source: .rtmp(server.url("nobody")), outputDirectory: output + "/main",
                                      options: o) { log.append($0) }
        try recorder.start()
        usleep(700_000)
        let asked = Date()
        recorder.stop()
        XCTAssertEqual(recorder.wait(), .stopped)
        XCTAssertLessThan(Date().timeIntervalSince(asked), 1.5)
        XCTAssertEqual(log.createdSegments.count, 0)
    }

    /// Eight recorders in one process, one stream each.
    func testEightRecordersInOneProcess() throws {
        publisher = try Publisher(url: server.url("many"))
        let logs = (0..<8).map { _ in EventLog() }
        var o = options()
        o.segmentDuration = 60
        let recorders = (0..<8).map { i in
            StreamRecorder(source: .rtmp(server.url("many")), outputDirectory: output + "/r\(i)", options: o) { logs[i].append($0) }
        }
        for r in recorders { try r.start() }
        XCTAssertTrue(waitUntil(timeout: 12) { logs.allSatisfy { $0.createdSegments.count >= 1 } })
        usleep(1_000_000)
        for r in recorders { r.stop() }
        for r in recorders { XCTAssertEqual(r.wait(), .stopped) }
        for log in logs {
            XCTAssertEqual(log.finishedSegments.count, 1)
            if let s = log.finishedSegments.first { XCTAssertTrue(try Probe.decodesCleanly(s.path)) }
        }
    }

    func testUnreachableServerGivesUpWithAClearError() throws {
        var o = options()
        o.reconnect = ReconnectPolicy(initialDelay: 0.1, maxDelay: 0.2, giveUpAfter: 0.8)
        let log = EventLog()
        let recorder = StreamRecorder(source: .rtmp("rtmp://127.0.0.1:\(freePort())/pexip/none"),
                                      outputDirectory: output + "/main", options: o) { log.append($0) }
        try recorder.start()
        guard case .failed(let why) = recorder.wait() else { return XCTFail("should give up") }
        XCTAssertTrue(why.contains("giving up"), why)
        XCTAssertGreaterThanOrEqual(log.reconnects, 2)
    }

    func testUnwritableOutputDirectoryFailsAtStart() {
        let recorder = StreamRecorder(source: .rtmp(server.url("x")), outputDirectory: "/proc/pexrtmp-cannot-write")
        XCTAssertThrowsError(try recorder.start())
    }
}

/// A server that never answers: the connect must be bounded and interruptible.
final class SilentServerTests: XCTestCase {
    /// A listening socket whose accept queue is full: further SYNs are dropped, so a connect to
    /// it hangs as it would towards a host that is down.
    private func blackhole() -> (port: Int, fds: [Int32]) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &len) } }
        listen(listener, 0)
        var fds = [listener]
        for _ in 0..<3 {
            let c = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            _ = fcntl(c, F_SETFL, fcntl(c, F_GETFL) | O_NONBLOCK)
            _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(c, $0, len) } }
            fds.append(c)
        }
        usleep(100_000)
        return (Int(UInt16(bigEndian: addr.sin_port)), fds)
    }

    func testStopDuringAHangingConnectReturnsPromptly() throws {
        let (port, fds) = blackhole()
        defer { fds.forEach { close($0) } }
        let probeStart = Date()
        let address = try TCPReachability.resolve("127.0.0.1", port: port)
        XCTAssertThrowsError(try TCPReachability.check(address, name: "silent", timeout: 1, cancelled: { false }))
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(probeStart), 0.9, "the connect really hangs")

        var options = RecorderOptions()
        options.connection.receiveTimeout = 30
        let out = makeTemporaryDirectory("silent")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let recorder = StreamRecorder(source: .rtmp("rtmp://127.0.0.1:\(port)/pexip/x"), outputDirectory: out, options: options)
        try recorder.start()
        usleep(500_000)
        let asked = Date()
        recorder.stop()
        XCTAssertEqual(recorder.wait(), .stopped)
        XCTAssertLessThan(Date().timeIntervalSince(asked), 1.0)
    }
}

/// rtmps through a TLS-terminating nginx: librtmp's GnuTLS, host name resolved by us.
final class RTMPSRecordingTests: XCTestCase {
    func testRecordsOverRTMPS() throws {
        guard RTMPServer.isAvailable, FileManager.default.fileExists(atPath: "/usr/lib/nginx/modules/ngx_stream_module.so"),
              FileManager.default.fileExists(atPath: "/usr/bin/openssl") else { throw XCTSkip("no nginx stream module or openssl") }
        let server = try RTMPServer(tls: true)
        defer { server.stop() }
        let publisher = try Publisher(url: server.url("secure"))
        defer { publisher.stop() }
        let url = try XCTUnwrap(server.tlsURL("secure"))
        XCTAssertTrue(MediaSource.rtmp(url).isUnverifiedTLS)
        let out = makeTemporaryDirectory("rtmps")
        defer { try? FileManager.default.removeItem(atPath: out) }
        var options = RecorderOptions()
        options.segmentDuration = 60
        options.partDuration = 0.5
        let log = EventLog()
        let recorder = StreamRecorder(source: .rtmp(url), outputDirectory: out, options: options) { log.append($0) }
        try recorder.start()
        XCTAssertTrue(waitUntil(timeout: 10) { log.createdSegments.count >= 1 }, "\(log.all)")
        usleep(500_000)
        recorder.stop()
        XCTAssertEqual(recorder.wait(), .stopped)
        let segment = try XCTUnwrap(log.finishedSegments.first)
        XCTAssertEqual(try Probe(segment.path).streams.map(\.codec).sorted(), ["aac", "h264"])
    }
}
