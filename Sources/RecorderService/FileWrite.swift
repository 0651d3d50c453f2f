import Glibc

/// Whole-file writes that never leave a half-written file under the final name: the text goes
/// to `.NAME.tmp` beside it, then a rename replaces the file in one step.
enum FileWrite {
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let code: Int32
        var description: String {
            code == ENOSPC ? "\(path): the disk is full" : "\(path): \(String(cString: strerror(code)))"
        }
    }

    static func atomically(_ text: String, to path: String) throws(Failure) {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = folder + "." + name + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(path: temporary, code: errno) }
        var failure: Int32 = 0
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw Failure(path: path, code: failure)
        }
    }

    /// mkdir -p.
    static func createFolder(_ path: String) throws(Failure) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw Failure(path: prefix, code: errno) }
        }
    }
}
