import Foundation
import PexipClient
import RTMPMedia

extension RecordSession {
    func startTrack(_ name: String, url: String, prefix: String) throws -> any TrackRecorder {
        let directory = folder.trackFolder(name)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CompanionError.outputNotWritable(directory.path, reason: (error as NSError).localizedDescription)
        }
        let spec = TrackSpec(name: name, url: url, directory: directory.path, filePrefix: prefix,
                             timelineOffset: timeline.now(), segmentSeconds: options.segmentSeconds,
                             partSeconds: options.partSeconds)
        let events = trackEvents
        let recorder = try makeTrack(spec) { event in events?.yield((name, event)) }
        try recorder.start()
        reporter.notice(.trackStarted(track: name))
        return recorder
    }

    /// Track events arrive here in order (one stream for all tracks).
    func trackEvent(_ track: String, _ event: TrackEvent) async {
        switch event {
        case .segment(let segmentEvent):
            let report = segmentEvent.report
            let entry = Manifest.Segment(file: "\(track)/\(report.fileName)", start: report.start,
                                         duration: report.duration, gapBefore: report.gapBefore ?? 0,
                                         complete: report.isComplete)
            do {
                try await manifest?.record(segment: entry, track: track)
            } catch {
                mediaFailure = mediaFailure ?? String(describing: error)
            }
            if case .created = segmentEvent { segmentsCreated += 1 }
            if case .finished = segmentEvent {
                reporter.notice(.segmentFinished(track: track, file: entry.file, duration: entry.duration))
            }
            if case .created = segmentEvent, let gap = report.gapBefore, gap > 0 {
                reporter.notice(.gap(track: track, seconds: gap))
            }
        case .reconnecting(let reason):
            reporter.notice(.trackReconnecting(track: track, reason: reason))
        case .connected:
            break
        case .failed(let reason):
            // The presentation stream failing ends that presentation's file, not the recording.
            if track == "main" { mediaFailure = mediaFailure ?? reason }
            else { reporter.notice(.warning("\(track) stream: \(reason)")) }
        }
    }

    func presentationStarted(_ start: PresentationStart, at time: Double) async {
        try? await manifest?.presentationStarted(at: time, presenterName: start.presenterName,
                                                 presenterUUID: start.presenterUUID)
        reporter.notice(.presentationStarted(presenter: start.presenterName))
        await slides?.presentationStarted(start, at: time)
        guard options.presentation, let callURL else { return }
        let current = presentation
        presentation = nil
        await stopTrack(current)
        presentationCount += 1
        let prefix = "p" + String(format: "%02d", presentationCount) + "-"
        do {
            presentation = try startTrack("presentation", url: options.naming.presentationURL(callURL: callURL),
                                          prefix: prefix)
        } catch {
            reporter.notice(.warning("cannot record the presentation: \(error)"))
        }
    }

    func presentationStopped(at time: Double) async {
        try? await manifest?.presentationStopped(at: time)
        reporter.notice(.presentationStopped)
        await slides?.presentationStopped(at: time)
        let current = presentation
        presentation = nil
        await stopTrack(current)
    }

    /// Stops the media, hangs up, writes the last manifest and index files.
    func finish(reason: StopReason) async {
        let current = presentation
        presentation = nil
        await stopTrack(current)
        let mainTrack = main
        main = nil
        await stopTrack(mainTrack)
        if case .meetingEnded = reason {
            // The node has ended us: the call is gone and the token is void, so stop refreshing
            // it now rather than hang up a call that no longer exists.
            callUUID = nil
            await session.release()
        } else {
            await hangUp()
        }
        await slides?.finish(at: timeline.now())
        try? await manifest?.finish(endedAt: RecordingTimeline.iso8601(Date()), reason: reason.description)
        await eventLog?.close()
    }

    /// Ends our RTMP call element (best effort: the node may be gone already).
    func hangUp() async {
        guard let callUUID else { return }
        self.callUUID = nil
        let call = session.client.participant(selfUUID).call(callUUID)
        _ = try? await call.disconnect()
    }

    /// Stops a track (finalising its open segment) and keeps its byte count for the totals.
    func stopTrack(_ track: (any TrackRecorder)?) async {
        guard let current = track else { return }
        await current.stop()
        bytesFinished += current.snapshot().bytesIn
    }

    func progress() async -> RecordProgress {
        let snapshots = [main, presentation].compactMap { $0?.snapshot() }
        return RecordProgress(elapsed: timeline.now(),
                              bitsPerSecondIn: snapshots.reduce(0) { $0 + $1.bitsPerSecond },
                              bytesIn: bytesFinished + snapshots.reduce(0) { $0 + $1.bytesIn },
                              segments: segmentsCreated, slides: await slides?.savedCount() ?? 0,
                              participants: journal.others.count, presenting: presentation != nil)
    }

    func summary(reason: StopReason) async -> RecordSummary {
        let current = await manifest?.current
        var segments: [String: Int] = [:]
        var seconds: [String: Double] = [:]
        var gaps = 0
        for (name, track) in current?.tracks ?? [:] {
            segments[name] = track.segments.count
            seconds[name] = track.segments.reduce(0) { $0 + $1.duration }
            gaps += track.gaps.count
        }
        return RecordSummary(folder: folder.root.path, reason: reason, elapsed: timeline.now(),
                             segments: segments, recordedSeconds: seconds, gaps: gaps,
                             slides: await slides?.savedCount() ?? 0, bytesIn: bytesFinished)
    }
}
