import CCurl
import Foundation
import PexipClient

/// ``HTTPTransport`` over libcurl, for the TLS choices URLSession on Linux cannot make: trust an
/// extra CA file on top of the system store, or skip verification when explicitly asked.
/// Each request runs `curl_easy_perform` on a thread of its own; the body arrives as chunks.
public final class CurlTransport: HTTPTransport {
    /// The system trust store that an extra CA file is added to.
    public static let systemBundle = "/etc/ssl/certs/ca-certificates.crt"

    private let caBundle: Data?
    private let insecure: Bool
    public let maxResponseBytes: Int

    /// - Throws: ``PexipError/tlsUnsupported(_:)`` when the CA file cannot be read.
    public init(tls: TLSOptions, maxResponseBytes: Int = 16 << 20) throws(PexipError) {
        CurlGlobal.initialize()
        insecure = tls.insecureSkipVerify
        self.maxResponseBytes = maxResponseBytes
        if let caFile = tls.caFile {
            guard let extra = FileManager.default.contents(atPath: caFile), !extra.isEmpty else {
                throw .tlsUnsupported("cannot read the CA file \(caFile)")
            }
            var bundle = FileManager.default.contents(atPath: Self.systemBundle) ?? Data()
            bundle.append(0x0A)
            bundle.append(extra)
            caBundle = bundle
        } else {
            caBundle = nil
        }
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let stream = try await stream(request)
        let body = try await stream.collect(limit: maxResponseBytes)
        return HTTPResponse(status: stream.status, headers: stream.headers, body: body)
    }

    public func stream(_ request: HTTPRequest) async throws -> HTTPStream {
        let transfer = try CurlTransfer(request: request, caBundle: caBundle, insecure: insecure)
        return try await withTaskCancellationHandler {
            try await transfer.start()
        } onCancel: {
            transfer.cancel()
        }
    }
}

/// `curl_global_init` exactly once per process.
enum CurlGlobal {
    private static let done: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        return true
    }()

    static func initialize() { _ = done }
}
