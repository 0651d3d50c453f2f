import Glibc

enum Directory {
    /// mkdir -p; throws when the path cannot be created or written.
    static func create(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw MediaError.system(operation: "create directory", path: prefix, errno: errno)
            }
        }
        if access(path, W_OK) != 0 {
            throw MediaError.system(operation: "write to directory", path: path, errno: errno)
        }
    }
}
