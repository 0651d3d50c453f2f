import Foundation
import XCTest

/// nginx with the RTMP module on a free local port, for as long as the test needs it.
final class RTMPServer {
    let port: Int
    let directory: String
    private var nginx: ChildProcess?

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: "/usr/sbin/nginx")
            && FileManager.default.fileExists(atPath: "/usr/lib/nginx/modules/ngx_rtmp_module.so")
    }

    /// With `tls`, nginx's stream module also terminates TLS (a self-signed certificate) on
    /// `tlsPort` in front of the RTMP port, for rtmps.
    let tlsPort: Int?

    init(tls: Bool = false) throws {
        port = freePort()
        directory = makeTemporaryDirectory("nginx")
        try FileManager.default.createDirectory(atPath: directory + "/logs", withIntermediateDirectories: true)
        var tlsBlock = ""
        var modules = "load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;"
        if tls {
            let p = freePort()
            tlsPort = p
            try runTool("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                                             "-subj", "/CN=localhost", "-keyout", directory + "/key.pem",
                                             "-out", directory + "/cert.pem"])
            modules += "\nload_module /usr/lib/nginx/modules/ngx_stream_module.so;"
            tlsBlock = """
                stream {
                    server {
                        listen 127.0.0.1:\(p) ssl;
                        ssl_certificate \(directory)/cert.pem;
                        ssl_certificate_key \(directory)/key.pem;
                        proxy_pass 127.0.0.1:\(port);
                    }
                }
                """
        } else {
            tlsPort = nil
        }
        let config = """
            \(modules)
            error_log \(directory)/logs/error.log warn;
            pid \(directory)/nginx.pid;
            events { worker_connections 64; }
            rtmp {
                server {
                    listen 127.0.0.1:\(port);
                    application pexip { live on; }
                }
            }
            \(tlsBlock)
            """
        try config.write(toFile: directory + "/nginx.conf", atomically: true, encoding: .utf8)
        try launch()
    }

    private func launch() throws {
        nginx = try ChildProcess("/usr/sbin/nginx", ["-p", directory, "-c", directory + "/nginx.conf", "-g", "daemon off;"])
        guard waitUntil(timeout: 5, { Self.canConnect(port: port) }) else {
            throw XCTSkip("nginx did not start listening on \(port)")
        }
    }

    /// Kills the server (every connection drops) and starts it again on the same port after
    /// `downFor` seconds.
    func restart(downFor: TimeInterval) throws {
        nginx?.stop()
        nginx = nil
        usleep(useconds_t(downFor * 1e6))
        try launch()
    }

    func url(_ stream: String) -> String { "rtmp://127.0.0.1:\(port)/pexip/\(stream)" }

    func tlsURL(_ stream: String) -> String? { tlsPort.map { "rtmps://localhost:\($0)/pexip/\(stream)" } }

    func stop() {
        nginx?.stop()
        nginx = nil
        try? FileManager.default.removeItem(atPath: directory)
    }

    var isRunning: Bool { nginx != nil }

    deinit { stop() }

    static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}

/// An ffmpeg publishing a synthetic H.264 + AAC stream in real time.
final class Publisher {
    private var ffmpeg: ChildProcess?

    init(url: String, size: String = "640x360", seconds: Int? = nil) throws {
        var args = ["-hide_banner", "-loglevel", "error", "-re",
                    "-f", "lavfi", "-i", "testsrc2=size=\(size):rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000"]
        if let seconds { args += ["-t", String(seconds)] }
        args += ["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "50",
                 "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-f", "flv", url]
        ffmpeg = try ChildProcess("/usr/bin/ffmpeg", args)
    }

    func stop() {
        ffmpeg?.stop()
        ffmpeg = nil
    }

    deinit { stop() }
}

