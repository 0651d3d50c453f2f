import Foundation
import XCTest

/// Test slides drawn by the ffmpeg CLI: a coloured page with `boxes` white squares along the
/// bottom (so two slides can differ only a little), optionally with noise, at a JPEG quality.
enum TestSlides {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("slide-images-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func jpeg(colour: String = "navy", boxes: Int, quality: Int = 2, noise: Int = 0,
                     size: String = "1280x720") throws -> [UInt8] {
        let name = "\(colour)-\(boxes)-q\(quality)-n\(noise)-\(size).jpg"
        let file = folder.appendingPathComponent(name)
        if let data = try? Data(contentsOf: file) { return [UInt8](data) }
        var chain = "drawgrid=w=160:h=120:t=2:c=white@0.3"
        for i in 0..<boxes {
            chain += ",drawbox=x=\(40 + i * 90):y=600:w=60:h=60:color=white:t=fill"
        }
        let (w, h) = (size.split(separator: "x")[0], size.split(separator: "x")[1])
        chain += ",scale=\(w):\(h)"
        if noise > 0 { chain += ",noise=alls=\(noise):allf=u" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                             "-i", "color=c=\(colour):s=1280x720:d=1", "-vf", chain,
                             "-frames:v", "1", "-q:v", String(quality), "-update", "1", file.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw XCTSkip("ffmpeg could not draw a test slide (status \(process.terminationStatus))")
        }
        return [UInt8](try Data(contentsOf: file))
    }
}
