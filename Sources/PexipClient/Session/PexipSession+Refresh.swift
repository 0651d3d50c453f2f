import Foundation

extension PexipSession {
    /// Refreshes now (e.g. on a `refresh_token` event) unless a refresh is already in flight.
    public func refreshNow() {
        guard case .active = state, !refreshInFlight else { return }
        emit(.debug, "token refresh requested")
        scheduleRefresh(after: .zero)
    }

    /// Stops refreshing and releases the token (best effort, bounded by
    /// `options.releaseTimeout`). Safe to call any number of times, and from a cancelled task.
    public func release() async {
        guard case .active(let token, _) = state else {
            if state == .idle { state = .released }
            return
        }
        state = .released
        refreshTask?.cancel()
        refreshTask = nil
        resumeWaiters()
        let client = base
        let timeout = options.releaseTimeout
        // An unstructured task: a cancelled caller must not cancel the release itself.
        let outcome = await Task { () -> PexipError? in
            do {
                try await client.releaseToken(token, timeout: timeout)
                return nil
            } catch {
                return TransportFailure.describe(error)
            }
        }.value
        if outcome == .invalidToken {
            // The node ended this participant already (the meeting ended, or it disconnected us).
            emit(.debug, "release_token: the node had already ended this session")
        } else if let outcome {
            emit(.warning, "release_token failed: \(outcome)")
        } else {
            emit(.info, "left \(base.alias)")
        }
    }

    func install(token: String, expires: TimeInterval) {
        let lifetime = Duration.seconds(max(expires, 1))
        state = .active(token: token, expiresAt: clock.now() + lifetime)
        grant?.token = token
        grant?.expires = expires
        scheduleRefresh(after: lifetime * options.refreshFraction)
    }

    func scheduleRefresh(after delay: Duration) {
        refreshTask?.cancel()
        refreshTask = Task { [weak self] in
            guard let self else { return }
            do {
                try await self.clock.sleep(for: delay)
            } catch {
                return
            }
            await self.refreshWithRetries()
        }
    }

    /// Below this much token life left, a failed refresh is not retried.
    static let lastRetryMargin = Duration.milliseconds(500)
    /// Retries never come closer together than this.
    static let shortestRetryDelay = Duration.milliseconds(250)

    /// One refresh, retried with back-off while the old token is still valid.
    private func refreshWithRetries() async {
        var attempt = 0
        while !Task.isCancelled, case .active(let token, let expiresAt) = state {
            refreshInFlight = true
            let outcome: Result<TokenRefresh, PexipError>
            do {
                outcome = .success(try await base.refreshToken(token))
            } catch {
                outcome = .failure(TransportFailure.describe(error))
            }
            refreshInFlight = false
            guard case .active = state else {
                if case .success(let refreshed) = outcome { releaseInBackground(refreshed.token) }
                resumeWaiters()
                return
            }
            switch outcome {
            case .success(let refreshed):
                if let role = refreshed.role { grant?.role = role }
                install(token: refreshed.token, expires: refreshed.expires)
                resumeWaiters()
                emit(.debug, "token refreshed; valid \(Int(refreshed.expires)) s")
                return
            case .failure(let error):
                // Back off, but never past the old token's end: with short tokens the retries
                // crowd into the time left (half of it each time) instead of giving up early.
                let remaining = expiresAt - clock.now()
                let delay = max(Self.shortestRetryDelay, min(options.refreshBackoff.delay(forAttempt: attempt), remaining / 2))
                if error == .invalidToken || remaining <= Self.lastRetryMargin {
                    state = .expired(lastError: error.description)
                    resumeWaiters()
                    if error == .invalidToken {
                        // What a node answers once it has ended this participant (the meeting
                        // ended, a Host disconnected us): the events stream says why.
                        emit(.info, "token refresh refused, giving up: the node has ended this session")
                    } else {
                        emit(.error, "token refresh failed, giving up: \(error)")
                    }
                    return
                }
                resumeWaiters()
                emit(.warning, "token refresh failed (\(error)); retrying in \(delay.seconds) s")
                attempt += 1
                do {
                    try await clock.sleep(for: delay)
                } catch {
                    return
                }
            }
        }
    }

    func resumeWaiters() {
        let pending = waiters
        waiters.removeAll()
        for waiter in pending { waiter.resume() }
    }

    /// Releases a token nobody will use (one granted after ``release()`` started).
    func releaseInBackground(_ token: String) {
        let client = base
        let timeout = options.releaseTimeout
        Task { try? await client.releaseToken(token, timeout: timeout) }
    }
}
