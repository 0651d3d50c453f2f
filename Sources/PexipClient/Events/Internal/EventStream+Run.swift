import Foundation

extension EventStream {
    /// Why one connection ended.
    private enum ConnectionEnd {
        /// Stop for good with this reason (nil: normal end).
        case stop(PexipError?)
        /// Retry; `connected` tells whether the connection had opened.
        case retry(reason: String, connected: Bool)
    }

    /// The reconnect loop; returns the reason it ended.
    func run(yield: @Sendable (EventStreamItem) -> Void) async -> PexipError? {
        var parser = SSEParser()
        var attempt = 0
        var everConnected = false
        var failingSince: Duration?
        while !Task.isCancelled {
            let end = await connectOnce(parser: &parser, everConnected: everConnected, yield: yield)
            switch end {
            case .stop(let reason):
                return reason
            case .retry(let reason, let connected):
                if Task.isCancelled { return nil }
                if connected {
                    everConnected = true
                    attempt = 0
                    failingSince = nil
                }
                let now = clock.now()
                let since = failingSince ?? now
                failingSince = since
                if now - since >= options.giveUpAfter {
                    log?(LogMessage(.error, "events stream: giving up after \(Int((now - since).seconds)) s: \(reason)"))
                    return .transport("the events stream kept failing: \(reason)")
                }
                let delay = options.backoff.delay(forAttempt: attempt)
                attempt += 1
                log?(LogMessage(.warning, "events stream: \(reason); reconnecting in \(delay.seconds) s"))
                yield(.reconnecting(attempt: attempt, delay: delay, reason: reason))
                do {
                    try await clock.sleep(for: delay)
                } catch {
                    return nil
                }
            }
        }
        return nil
    }

    private func connectOnce(parser: inout SSEParser, everConnected: Bool,
                             yield: @Sendable (EventStreamItem) -> Void) async -> ConnectionEnd {
        let stream: HTTPStream
        do {
            var headers = ["Accept": "text/event-stream", "Cache-Control": "no-cache"]
            if !parser.lastEventID.isEmpty { headers["Last-Event-ID"] = parser.lastEventID }
            let request = try await client.makeRequest(.get, ["events"], token: .currentInQuery,
                                                       headers: headers, timeout: options.idleTimeout)
            stream = try await client.transport.stream(request)
        } catch {
            return classify(error, connected: false)
        }
        guard stream.status == 200 else {
            let body = (try? await stream.collect(limit: 64 << 10)) ?? Data()
            let response = HTTPResponse(status: stream.status, headers: stream.headers, body: body)
            do {
                _ = try ResponseMapper.result(of: response, alias: client.alias)
                return .retry(reason: "HTTP \(stream.status) instead of an event stream", connected: false)
            } catch {
                return classify(error, connected: false)
            }
        }
        yield(everConnected ? .reconnected : .connected)
        parser.reset()
        do {
            for try await chunk in stream.body {
                for raw in parser.feed(chunk) {
                    let received = ReceivedEvent(raw)
                    yield(.event(received))
                    if received.event == .refreshToken { await onRefreshRequested?() }
                    if case .disconnect = received.event, options.endOnDisconnectEvent { return .stop(nil) }
                }
            }
        } catch {
            return classify(error, connected: true)
        }
        return .retry(reason: "the node closed the stream", connected: true)
    }

    private func classify(_ error: any Error, connected: Bool) -> ConnectionEnd {
        if error is CancellationError || Task.isCancelled { return .stop(nil) }
        let failure = TransportFailure.describe(error)
        switch failure {
        case .invalidToken, .tokenExpired, .notJoined:
            return .stop(failure)
        case .released:
            return .stop(nil)
        default:
            return .retry(reason: failure.description, connected: connected)
        }
    }
}
