import Foundation

/// File names for completion inside a string: `load("da` → `data/`.
enum PathCompletion {
    /// The most entries of one folder that completion looks at (a huge folder must not stall Tab).
    static let entryLimit = 5_000

    /// The entries of `folder` (as typed: relative to `workingDirectory`, absolute, or `~/…`)
    /// whose names start with `prefix`; folders end with `/`. Hidden entries show only when the
    /// prefix starts with a dot. Names are escaped as the string literal needs (`\"`, `\\`).
    static func entries(in folder: String, prefix: String, workingDirectory: String, homeDirectory: String?) -> [String] {
        let directory: String
        if folder.hasPrefix("/") {
            directory = folder
        } else if folder.hasPrefix("~/"), let home = homeDirectory {
            directory = home + "/" + folder.dropFirst(2)
        } else {
            directory = workingDirectory + "/" + folder
        }
        guard let handle = opendir(directory.isEmpty ? "." : directory) else { return [] }
        defer { closedir(handle) }
        var result: [String] = []
        var seen = 0
        while seen < entryLimit, let entry = readdir(handle) {
            seen += 1
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != "..", name.unicodeScalars.starts(with: prefix.unicodeScalars) else { continue }
            if name.hasPrefix("."), !prefix.hasPrefix(".") { continue }
            let isFolder = isDirectory(entry.pointee.d_type, path: directory + "/" + name)
            result.append(escape(name) + (isFolder ? "/" : ""))
        }
        return result
    }

    /// Whether an entry is a folder (following a symbolic link, as a person would expect).
    private static func isDirectory(_ type: UInt8, path: String) -> Bool {
        if type == UInt8(DT_DIR) { return true }
        guard type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN) else { return false }
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func escape(_ name: String) -> String {
        name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
