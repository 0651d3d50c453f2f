/// Every `pexrtmp control` request, in the order `pexrtmp control --help` lists them.
enum ControlRequests {
    static let all: [ControlRequest] = conference + [dial] + participant

    static func named(_ name: String) -> ControlRequest? {
        all.first { $0.name == name }
    }

    /// A full example command line with the usual connection options.
    static func example(_ tail: String) -> String {
        "pexrtmp control \(tail) --node pexip.example.com --conference meet.alice"
    }
}
