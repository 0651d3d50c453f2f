import PexipClient
import PexipCurlTransport

/// Which HTTP transport a command uses: URLSession (Foundation) with the system trust store by
/// default; libcurl when `--ca-file` or `--insecure` asks for what URLSession on Linux cannot do.
enum TransportChoice {
    static func make(tls: TLSOptions) throws(PexipError) -> any HTTPTransport {
        if tls.isDefault {
            return try URLSessionTransport(tls: .default)
        }
        return try CurlTransport(tls: tls)
    }
}
