import RTMPMedia

/// What `pexrtmp inject` does once joined.
public struct InjectOptions: Sendable {
    /// Whether the file goes in as this participant's main video or as the presentation.
    public enum Role: String, Sendable, CaseIterable {
        case main, presentation
    }

    public var role: Role
    public var publish: PublishOptions
    /// Publish to the `secure_url` (rtmps://, through librtmp's GnuTLS: NOT verified) when the
    /// node offers one.
    public var useRTMPS: Bool
    /// librtmp settings for the publishing connection (send timeout for a dead peer...).
    public var connection: RTMPConnection.Options

    public init(role: Role = .main, publish: PublishOptions = PublishOptions(), useRTMPS: Bool = false,
                connection: RTMPConnection.Options = RTMPConnection.Options()) {
        self.role = role
        self.publish = publish
        self.useRTMPS = useRTMPS
        self.connection = connection
    }
}
