import Foundation

/// The one timeline a recording's segments, events and slides share: seconds since the
/// recording started, on a monotonic clock, anchored to a wall-clock date for the manifest.
public struct RecordingTimeline: Sendable {
    public let startDate: Date
    private let startInstant: ContinuousClock.Instant

    public init(startDate: Date = Date(), startInstant: ContinuousClock.Instant = .now) {
        self.startDate = startDate
        self.startInstant = startInstant
    }

    /// Seconds from the start to now.
    public func now() -> Double { seconds(at: .now) }

    public func seconds(at instant: ContinuousClock.Instant) -> Double {
        let elapsed = instant - startInstant
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    public static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
