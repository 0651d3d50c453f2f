import Foundation
import XCTest

/// nginx-rtmp on a free local port that keeps everything published (`record all`), one FLV per
/// stream name, so a test can ffprobe what arrived. Uses the RTMP tests' process helpers.
final class RecordingRTMPServer {
    let port: Int
    let directory: String
    private var nginx: ChildProcess?

    init() throws {
        guard RTMPServer.isAvailable else { throw XCTSkip("nginx with the RTMP module is not installed") }
        port = freePort()
        directory = makeTemporaryDirectory("nginx-record")
        for sub in ["logs", "rec"] {
            try FileManager.default.createDirectory(atPath: directory + "/" + sub, withIntermediateDirectories: true)
        }
        let config = """
            load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
            \(geteuid() == 0 ? "user root;" : "")
            master_process off;
            error_log \(directory)/logs/error.log warn;
            pid \(directory)/nginx.pid;
            events { worker_connections 64; }
            rtmp {
                server {
                    listen 127.0.0.1:\(port);
                    application pexip { live on; record all; record_path \(directory)/rec; }
                }
            }
            """
        try config.write(toFile: directory + "/nginx.conf", atomically: true, encoding: .utf8)
        nginx = try ChildProcess("/usr/sbin/nginx", ["-p", directory, "-c", directory + "/nginx.conf", "-g", "daemon off;"])
        guard waitUntil(timeout: 5, { RTMPServer.canConnect(port: port) }) else {
            throw XCTSkip("nginx did not start listening on \(port)")
        }
    }

    func url(_ stream: String) -> String { "rtmp://127.0.0.1:\(port)/pexip/\(stream)" }

    /// The FLV nginx recorded for `stream`, once it has stopped growing.
    func recording(_ stream: String, timeout: TimeInterval = 5) -> String? {
        let path = directory + "/rec/\(stream).flv"
        var lastSize = -1
        var stable = 0
        let found = waitUntil(timeout: timeout) {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
            stable = size > 0 && size == lastSize ? stable + 1 : 0
            lastSize = size
            return stable >= 3
        }
        return found ? path : nil
    }

    func stop() {
        nginx?.stop()
        nginx = nil
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { stop() }
}
