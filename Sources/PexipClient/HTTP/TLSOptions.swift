import Foundation

/// How to verify the node's TLS certificate. The default verifies against the system store.
public struct TLSOptions: Sendable, Hashable {
    /// A PEM file with extra certificate authorities to trust (e.g. a lab node's private CA).
    public var caFile: String?
    /// Skip certificate verification entirely. Insecure: callers should warn every time.
    public var insecureSkipVerify: Bool

    public init(caFile: String? = nil, insecureSkipVerify: Bool = false) {
        self.caFile = caFile
        self.insecureSkipVerify = insecureSkipVerify
    }

    /// Full verification against the system trust store.
    public static let `default` = TLSOptions()

    public var isDefault: Bool { caFile == nil && !insecureSkipVerify }
}
