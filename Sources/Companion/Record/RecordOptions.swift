import Foundation

/// What `pexrtmp record` was asked to do, beyond joining.
public struct RecordOptions: Sendable {
    /// `--out`: the folder recordings go below.
    public var output: String
    /// strftime-style folder template below `output` (see ``RecordingFolder``).
    public var folderTemplate: String = RecordingFolder.defaultTemplate
    /// A new segment at the first keyframe after this many seconds.
    public var segmentSeconds: Double = 60
    /// A fragment reaches the disk at least this often (at most this much is lost in a crash).
    public var partSeconds: Double = 1
    /// Record the presentation stream too (`--no-presentation` turns it off).
    public var presentation = true
    /// Archive presentation frames as slides.
    public var slides = true
    /// Stop after this long (`--duration`); nil runs until the meeting ends.
    public var duration: Double?
    /// Play the `secure_url` (rtmps) instead of `url`.
    public var rtmps = false
    /// Stream names derived from the call URL (overridable, per pexip-facts).
    public var naming = StreamNaming()
    /// When everyone else has left, stop after this long (a meeting that has ended).
    public var aloneGraceSeconds: Double = 15
    /// How often a progress snapshot is reported.
    public var progressInterval: Double = 1

    public init(output: String) {
        self.output = output
    }
}

/// The RTMP stream names a Pexip node serves for a streaming call: `<url>-stream` for the main
/// mix and `<url>-presentation` for the presentation (`present: "receive"`).
public struct StreamNaming: Sendable, Equatable {
    public var mainSuffix = "-stream"
    public var presentationSuffix = "-presentation"

    public init(mainSuffix: String = "-stream", presentationSuffix: String = "-presentation") {
        self.mainSuffix = mainSuffix
        self.presentationSuffix = presentationSuffix
    }

    public func mainURL(callURL: String) -> String { callURL + mainSuffix }
    public func presentationURL(callURL: String) -> String { callURL + presentationSuffix }
}
