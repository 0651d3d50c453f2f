/// Failures of the sessions that join the API client and the media pipeline, each one line.
public enum CompanionError: Error, Sendable, CustomStringConvertible {
    case outputNotWritable(String, reason: String)
    case diskFull(String)
    case noMediaURL
    case mediaFailed(String)
    case invalidInput(String)

    public var description: String {
        switch self {
        case .outputNotWritable(let path, let reason): return "cannot write to \(path): \(reason)"
        case .diskFull(let path): return "disk full while writing \(path); what was written so far is kept"
        case .noMediaURL: return "the node answered the RTMP call without a usable URL"
        case .mediaFailed(let message): return message
        case .invalidInput(let message): return message
        }
    }
}
