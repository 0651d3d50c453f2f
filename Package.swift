// swift-tools-version:6.0
// pexrtmp: a command-line media companion for Pexip Infinity meetings.
// Layers, each readable alone; data flows CLI -> Companion -> (PexipClient, RTMPMedia) -> files.
import PackageDescription

let package = Package(
    name: "pexrtmp",
    products: [
        .executable(name: "pexrtmp", targets: ["pexrtmp"]),
        .executable(name: "pexrtmp-meeting", targets: ["pexrtmp-meeting"]),
        .library(name: "PexipClient", targets: ["PexipClient"]),
        .library(name: "RTMPMedia", targets: ["RTMPMedia"]),
    ],
    targets: [
        // C shims: module maps and headers only; Debian's -dev packages provide the libraries.
        .systemLibrary(
            name: "CRTMP",
            pkgConfig: "librtmp",
            providers: [.apt(["librtmp-dev"])]
        ),
        .systemLibrary(
            name: "CFFmpeg",
            pkgConfig: "libavformat",
            providers: [.apt(["libavformat-dev", "libavcodec-dev", "libavutil-dev",
                              "libswscale-dev", "libswresample-dev"])]
        ),
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // The Pexip client REST API v2: requests, models, events, token session. Foundation only.
        .target(name: "PexipClient"),
        // An HTTPTransport over libcurl for what URLSession on Linux cannot do: trusting an extra
        // CA file, or (explicitly) skipping certificate verification.
        .target(name: "PexipCurlTransport", dependencies: ["PexipClient", "CCurl"]),
        // librtmp + FFmpeg: RTMP connections, FLV <-> libavformat, segment writer, publisher. No HTTP.
        .target(name: "RTMPMedia", dependencies: ["CRTMP", "CFFmpeg"]),
        // Slide documents (PDF through cairo, the JPEGs embedded as they are).
        .target(name: "SlideDocuments", dependencies: ["CCairo"]),
        // Sessions that join the API client and the media pipeline: record, inject, slides.
        .target(name: "Companion", dependencies: ["PexipClient", "RTMPMedia", "SlideDocuments"]),
        // `pexrtmp pull`: several streams or files recorded side by side, manifests written by hand.
        // No Foundation, so a recording process carries only RTMPMedia and the C libraries.
        // Options, parsing, durations and help layout shared by both executables (no Foundation).
        .target(name: "CommandLineOptions"),
        .target(name: "RecorderService", dependencies: ["RTMPMedia", "CommandLineOptions"]),
        // `pexrtmp`: a lean launcher. Runs `pull` in-process; execs `pexrtmp-meeting` for the rest.
        // The Swift runtime linked in statically: nine fewer shared libraries to map and relocate
        // at every start, ~2 MiB less peak memory per recording process.
        .executableTarget(name: "pexrtmp", dependencies: ["RecorderService"], path: "Sources/PexrtmpLauncher",
                          linkerSettings: [.unsafeFlags(["-static-stdlib"])]),
        // The full command line (Foundation, the API client, sessions), found beside `pexrtmp`.
        .executableTarget(name: "pexrtmp-meeting",
                          dependencies: ["Companion", "PexipClient", "PexipCurlTransport", "RTMPMedia",
                                         "RecorderService", "CommandLineOptions"],
                          path: "Sources/pexrtmp"),

        .testTarget(name: "PexipClientTests", dependencies: ["PexipClient"]),
        .testTarget(name: "RTMPMediaTests", dependencies: ["RTMPMedia"]),
        .testTarget(name: "CompanionTests", dependencies: ["Companion", "RTMPMedia"]),
        .testTarget(name: "RecorderServiceTests", dependencies: ["RecorderService", "Companion"]),
        .testTarget(name: "SlideDocumentsTests", dependencies: ["SlideDocuments"]),
        // Runs the built pexrtmp binary against the simulated node (scripts/sim).
        .testTarget(name: "EndToEndTests", dependencies: ["PexipClient", "PexipCurlTransport"]),
    ]
)
