import Foundation

/// Tuning for ``PexipSession``.
public struct SessionOptions: Sendable, Hashable {
    /// Refresh after this fraction of `expires` (real SDKs use 1/2).
    public var refreshFraction: Double
    /// Delays between failed refresh attempts (1, 2, 4, … s by default). Retries stop when the
    /// next one would fall after the token's expiry.
    public var refreshBackoff: Backoff
    /// How long release_token may take at shutdown.
    public var releaseTimeout: TimeInterval
    /// Timeout of each API request.
    public var requestTimeout: TimeInterval

    public init(refreshFraction: Double = 0.5,
                refreshBackoff: Backoff = Backoff(initial: .seconds(1), maximum: .seconds(16)),
                releaseTimeout: TimeInterval = 3, requestTimeout: TimeInterval = 30) {
        self.refreshFraction = refreshFraction
        self.refreshBackoff = refreshBackoff
        self.releaseTimeout = releaseTimeout
        self.requestTimeout = requestTimeout
    }
}
