import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Turns URLSession errors into ``PexipError/transport(_:)`` with a one-line message that
/// carries no URL (URLs may hold `?token=`).
enum TransportFailure {
    static func describe(_ error: any Error) -> PexipError {
        if let known = error as? PexipError { return known }
        let nsError = error as NSError
        var message: String
        if nsError.domain == NSURLErrorDomain {
            message = urlErrorText(nsError.code) ?? nsError.localizedDescription
            if let detail = nsError.userInfo[NSLocalizedDescriptionKey] as? String, !detail.isEmpty,
               !message.contains(detail) {
                message += " (\(detail))"
            }
        } else {
            message = nsError.localizedDescription
        }
        return .transport(Redaction.scrub(message))
    }

    private static func urlErrorText(_ code: Int) -> String? {
        switch code {
        case NSURLErrorCancelled: return "request cancelled"
        case NSURLErrorTimedOut: return "timed out"
        case NSURLErrorCannotFindHost: return "host not found"
        case NSURLErrorCannotConnectToHost: return "connection refused"
        case NSURLErrorNetworkConnectionLost: return "connection lost"
        case NSURLErrorNotConnectedToInternet: return "no network"
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted,
             NSURLErrorServerCertificateHasBadDate, NSURLErrorServerCertificateHasUnknownRoot,
             NSURLErrorServerCertificateNotYetValid:
            return "TLS handshake failed"
        default: return nil
        }
    }
}
