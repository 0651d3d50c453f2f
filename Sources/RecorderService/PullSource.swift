import RTMPMedia
/// One thing to record: an rtmp(s):// URL or a local file, and the folder name it records into.
public struct PullSource: Sendable, Equatable {
    public var input: String
    /// Folder name below the output folder: the stream or file name, path-safe and unique.
    public var name: String
    public var isFile: Bool

    /// Folder names from stream names / file names (extension and librtmp options dropped),
    /// made path-safe and unique (`name`, `name-2`, …).
    public static func sources(for inputs: [String]) -> [PullSource] {
        var used: Set<String> = []
        return inputs.map { input in
            let isFile = !input.contains("://")
            // librtmp options follow a URL after spaces; a file name may have spaces of its own.
            let withoutOptions = isFile ? input : input.split(separator: " ").first.map(String.init) ?? input
            var base = withoutOptions.split(separator: "/").last.map(String.init) ?? "stream"
            if isFile, let dot = base.lastIndex(of: "."), dot != base.startIndex { base = String(base[..<dot]) }
            let clean = PathComponent.sanitize(base)
            var name = clean
            var counter = 2
            while used.contains(name) {
                name = clean + "-\(counter)"
                counter += 1
            }
            used.insert(name)
            return PullSource(input: input, name: name, isFile: isFile)
        }
    }
}
