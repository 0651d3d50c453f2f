import Foundation
import PexipClient
import RTMPMedia

/// Records one meeting: asks the node for a streaming RTMP call, records the main mix (and each
/// presentation) into segmented MP4, keeps `manifest.json` and `events.jsonl` on one timeline,
/// and stops by itself when the meeting ends, after `duration`, or when cancelled — always
/// finalising the files and hanging up the call. The caller owns joining and releasing the token.
public actor RecordSession {
    let session: PexipSession
    let selfUUID: String
    let conference: String
    let options: RecordOptions
    let reporter: RecordReporter
    let makeTrack: TrackRecorderFactory
    public nonisolated let folder: RecordingFolder
    let timeline: RecordingTimeline

    var manifest: ManifestStore?
    var eventLog: EventLog?
    var journal: MeetingJournal
    var callUUID: String?
    var callURL: String?
    var main: (any TrackRecorder)?
    var presentation: (any TrackRecorder)?
    var presentationCount = 0
    var slides: SlideSink?
    var hadOthers = false
    var aloneSince: Double?
    var mediaFailure: String?
    var trackEvents: AsyncStream<(String, TrackEvent)>.Continuation?
    var segmentsCreated = 0
    var bytesFinished: Int64 = 0

    public init(session: PexipSession, selfUUID: String, conference: String, displayName: String,
                options: RecordOptions, reporter: RecordReporter = .silent,
                trackFactory: @escaping TrackRecorderFactory = StreamTrackRecorder.factory,
                slideSinkFactory: (@Sendable (SlideSinkContext) throws -> SlideSink)? = nil,
                start: Date = Date()) {
        self.session = session
        self.selfUUID = selfUUID
        self.conference = conference
        self.options = options
        self.reporter = reporter
        self.makeTrack = trackFactory
        self.timeline = RecordingTimeline(startDate: start)
        self.folder = RecordingFolder(output: options.output, template: options.folderTemplate,
                                      alias: conference, name: displayName, start: start)
        self.journal = MeetingJournal(selfUUID: selfUUID)
        self.slideSinkFactory = slideSinkFactory
    }

    let slideSinkFactory: (@Sendable (SlideSinkContext) throws -> SlideSink)?

    /// Records until the meeting ends, `duration` passes or the task is cancelled.
    public func run() async throws -> RecordSummary {
        try folder.create()
        let manifest = ManifestStore(
            manifest: Manifest(tool: "pexrtmp record", conference: conference,
                               startedAt: RecordingTimeline.iso8601(timeline.startDate)),
            file: folder.manifest)
        self.manifest = manifest
        eventLog = try EventLog(file: folder.eventLog)
        try await manifest.touch()

        let (trackStream, continuation) = AsyncStream.makeStream(of: (String, TrackEvent).self)
        trackEvents = continuation
        let trackConsumer = Task { for await (track, event) in trackStream { await self.trackEvent(track, event) } }

        let answer = try await session.client.participant(selfUUID)
            .addCall(.rtmp(present: options.presentation ? .receive : nil, streaming: true))
        callUUID = answer.callUUID
        guard let url = options.rtmps ? answer.secureURL : answer.url, url.hasPrefix("rtmp") else {
            await hangUp()
            throw options.rtmps ? CompanionError.invalidInput("the node offered no rtmps URL for this call; drop --rtmps")
                                : CompanionError.noMediaURL
        }
        callURL = url
        if options.rtmps { reporter.notice(.unverifiedRTMPS) }
        if options.slides, let slideSinkFactory {
            slides = try slideSinkFactory(SlideSinkContext(client: session.client, folder: folder.slides,
                                                           timeline: timeline, recordingFolder: folder.root))
        }
        let mainURL = options.naming.mainURL(callURL: url)
        reporter.notice(.started(folder: folder.root.path, callUUID: answer.callUUID, mainURL: Self.redactURL(mainURL)))
        do {
            main = try startTrack("main", url: mainURL, prefix: "")
        } catch {
            await hangUp()
            throw error
        }

        let reason = await waitForStop()
        reporter.notice(.stopping(reason: reason))
        // Finishing must not be cut short by the cancellation that may have stopped us.
        await Task { await self.finish(reason: reason) }.value
        continuation.finish()
        await trackConsumer.value
        return await summary(reason: reason)
    }

    /// Races the events stream, the duration, and the alone/progress ticker; first reason wins.
    private func waitForStop() async -> StopReason {
        await withTaskGroup(of: StopReason?.self) { group in
            group.addTask { await self.followEvents() }
            if let duration = options.duration {
                group.addTask {
                    try? await Task.sleep(for: .seconds(duration))
                    return Task.isCancelled ? nil : .durationReached
                }
            }
            group.addTask { await self.tick() }
            var reason = StopReason.interrupted
            while let next = await group.next() {
                if let next { reason = next; break }
                if Task.isCancelled { break }
            }
            group.cancelAll()
            return reason
        }
    }

    /// Once a second: progress, and the checks that have no event of their own.
    private func tick() async -> StopReason? {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(options.progressInterval))
            if Task.isCancelled { return nil }
            reporter.progress(await progress())
            if let mediaFailure { return .mediaFailed(mediaFailure) }
            if let aloneSince, timeline.now() - aloneSince >= options.aloneGraceSeconds { return .everyoneLeft }
        }
        return nil
    }

    private func followEvents() async -> StopReason? {
        for await item in session.eventStream().items() {
            switch item {
            case .event(let received):
                if let reason = await handle(received) { return reason }
            case .reconnecting(_, _, let reason):
                reporter.notice(.eventsReconnecting(reason: reason))
            case .ended(let error):
                if Task.isCancelled { return nil }
                if let error { return .eventsLost(String(describing: error)) }
                return .meetingEnded(nil)
            case .connected, .reconnected:
                break
            }
        }
        return nil
    }

    private func handle(_ received: ReceivedEvent) async -> StopReason? {
        let now = timeline.now()
        for entry in journal.apply(received.event) {
            do {
                try await eventLog?.append(event: entry.event, time: now, wall: received.receivedAt, fields: entry.fields)
            } catch {
                mediaFailure = mediaFailure ?? String(describing: error)
            }
            reporter.notice(.journal(event: entry.event, fields: entry.fields))
        }
        switch received.event {
        case .presentationStart(let start):
            await presentationStarted(start, at: now)
        case .presentationStop:
            await presentationStopped(at: now)
        case .presentationFrame(let frameID):
            await slides?.frame(id: frameID ?? received.id, at: now)
        case .disconnect(let reason):
            return .meetingEnded(reason)
        case .callDisconnected(let call) where call.callUUID == callUUID:
            reporter.notice(.warning("the node ended the recording call" + (call.reason.map { ": \($0)" } ?? "")))
        default:
            break
        }
        if journal.others.isEmpty {
            if hadOthers, aloneSince == nil { aloneSince = now }
        } else {
            hadOthers = true
            aloneSince = nil
        }
        return nil
    }

    static func redactURL(_ url: String) -> String { url }
}
