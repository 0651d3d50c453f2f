import Glibc

/// The full command line, `pexrtmp-meeting`, in the same folder as this executable.
enum MeetingCLI {
    static let binaryName = "pexrtmp-meeting"

    /// Replaces this process with `pexrtmp-meeting`, argv[0] kept as `pexrtmp` so messages and
    /// help read as before. Returns only on failure: prints one line and exits 1.
    static func exec(_ arguments: [String]) -> Never {
        guard let folder = ownFolder() else {
            fail("cannot find where this executable lives (/proc/self/exe)")
        }
        let path = folder + "/" + binaryName
        let argv = (["pexrtmp"] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        let reason = errno
        if reason == ENOENT {
            fail("\(path) is missing: every command but `pull` runs there; reinstall both executables side by side")
        }
        fail("cannot run \(path): \(String(cString: strerror(reason)))")
    }

    /// The folder of the running executable, from /proc/self/exe.
    private static func ownFolder() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
        guard count > 0 else { return nil }
        let path = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func fail(_ message: String) -> Never {
        let line = "pexrtmp: \(message)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
        exit(1)
    }
}
