import Foundation
import PexipClient
import RTMPMedia

extension SlideArchiver {
    /// The downloader: its own task, so a slow download never holds up whoever feeds events.
    func startDownloader() {
        let stream = wakeupStream
        downloader = Task.detached { [weak self] in
            for await _ in stream {
                guard let self else { return }
                await self.drain()
            }
        }
    }

    /// Fetches until the slot is empty. Runs on the downloader task, one frame at a time; the
    /// actor is free while bytes are on the way, so events keep flowing in.
    func drain() async {
        while let pending = slot.take() {
            if Task.isCancelled { return }
            let bytes: [UInt8]
            do {
                bytes = [UInt8](try await fetch(pending.id, options.maxBytes))
                if abandoned { return }
            } catch {
                if abandoned || error is CancellationError { return }
                skip(pending, because: Self.describe(error))
                continue
            }
            let fingerprint: SlideFingerprint
            do {
                fingerprint = try await Self.fingerprint(bytes)
            } catch {
                skip(pending, because: "\(error) (\(bytes.count) bytes)")
                continue
            }
            if abandoned { return }
            consider(pending, bytes: bytes, fingerprint: fingerprint)
        }
    }

    /// Decodes off the actor.
    nonisolated static func fingerprint(_ bytes: [UInt8]) async throws -> SlideFingerprint {
        try SlideFingerprint(jpeg: bytes)
    }

    func skip(_ frame: PendingFrame, because reason: String) {
        catalog.framesFailed += 1
        log(.warning, "slide frame \(frame.id ?? "-") skipped: \(reason)")
    }

    /// Keeps a fetched frame as a new slide unless it is the same as the last one.
    func consider(_ frame: PendingFrame, bytes: [UInt8], fingerprint: SlideFingerprint) {
        switch deduplicator.verdict(bytes: bytes, fingerprint: fingerprint) {
        case .identicalBytes:
            catalog.framesDuplicate += 1
            log(.info, "slide frame \(frame.id ?? "-") is the same image as slide \(catalog.slides.count); not kept")
            return
        case .nearDuplicate(let distance):
            catalog.framesDuplicate += 1
            log(.info, "slide frame \(frame.id ?? "-") differs from slide \(catalog.slides.count) only by "
                + "\(distance) (threshold \(options.threshold)); not kept")
            return
        case .new:
            break
        }
        let number = catalog.slides.count + 1
        let name = SlideFileName.make(number: number, time: frame.time)
        do {
            try AtomicFile.write(Data(bytes), to: folder.appendingPathComponent(name))
        } catch {
            skip(frame, because: "\(error)")
            return
        }
        deduplicator.keep(bytes: bytes, fingerprint: fingerprint)
        let wall = timeline.startDate.addingTimeInterval(frame.time)
        catalog.slides.append(SlideCatalog.Slide(
            number: number, file: name, time: Self.rounded(frame.time), wall: RecordingTimeline.iso8601(wall),
            duration: nil, presenterName: frame.presenter?.name, presenterUUID: frame.presenter?.uuid,
            frameID: frame.id, width: fingerprint.width, height: fingerprint.height, bytes: bytes.count))
        log(.info, "slide \(number) saved: \(name) (frame \(frame.id ?? "-"), \(fingerprint.width)x\(fingerprint.height))")
        do {
            try writeCatalog()
        } catch {
            log(.warning, "slides.json: \(error)")
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case PexipError.tooLarge(let limit): "the image is larger than \(limit >> 20) MiB"
        case let error as PexipError: error.description
        default: String(describing: error)
        }
    }

    static func rounded(_ time: Double) -> Double { (time * 1000).rounded() / 1000 }

    /// True when `task` ended within `limit`. Does not wait for a task that ignores
    /// cancellation: the race is decided by whichever side reports first.
    static func wait(for task: Task<Void, Never>, upTo limit: Duration) async -> Bool {
        let (stream, continuation) = AsyncStream.makeStream(of: Bool.self, bufferingPolicy: .bufferingNewest(2))
        let ended = Task { await task.value; continuation.yield(true) }
        let timer = Task { try? await Task.sleep(for: limit); continuation.yield(false) }
        defer { ended.cancel(); timer.cancel() }
        for await first in stream { return first }
        return false
    }
}
