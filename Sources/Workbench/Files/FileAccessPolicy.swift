import Foundation

/// Where a session may read and write files.
///
/// What a person types at the prompt may touch any path they could themselves. A script
/// replayed with `run`, `gradbook run` or `gradbook check` is untrusted — session files travel
/// from teacher to student — so it is confined to the folder it runs from, plus the folders the
/// person allowed on the command line (`--allow-path DIR`), never more by anything the script
/// says. Confinement resolves symlinks, so neither `..` nor a link can lead outside.
public struct FileAccessPolicy: Sendable, Equatable {
    /// Canonical roots a confined session may use; nil means unrestricted.
    public let roots: [String]?

    public static let unrestricted = FileAccessPolicy(roots: nil)

    /// Confined to `directory` and `allowed` (each resolved to its canonical path).
    public static func confined(to directory: String, allowing allowed: [String] = []) -> FileAccessPolicy {
        FileAccessPolicy(roots: ([directory] + allowed).map(canonicalPath))
    }

    /// The absolute path for `path` (relative paths are relative to the working directory),
    /// or an error when the policy forbids it.
    public func resolve(_ path: String, forWriting: Bool = false) throws(FileAccessError) -> String {
        guard !path.isEmpty else { throw .emptyPath }
        guard !path.contains("\0") else { throw .outsideSandbox(path: path, roots: roots ?? []) }
        let absolute = FileAccessPolicy.absolute(path)
        guard let roots else { return absolute }
        let canonical = FileAccessPolicy.canonicalPath(absolute)
        guard roots.contains(where: { canonical == $0 || canonical.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
            throw .outsideSandbox(path: path, roots: roots)
        }
        return canonical
    }

    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        let cwd = FileManager.default.currentDirectoryPath
        return ((cwd as NSString).appendingPathComponent(expanded) as NSString).standardizingPath
    }

    /// The path with every symlink of its existing part resolved, and the missing tail (a file
    /// about to be written, folders `save` will create) appended unresolved.
    static func canonicalPath(_ path: String) -> String {
        var existing = absolute(path)
        var tail: [String] = []
        while !FileManager.default.fileExists(atPath: existing), existing != "/" {
            tail.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        var resolved = existing
        if let real = realpath(existing, nil) {
            resolved = String(cString: real)
            free(real)
        }
        for component in tail {
            // A missing component named ".." would climb out after the check: refuse it by
            // keeping it literal (standardizing already removed well-formed ones).
            resolved = (resolved as NSString).appendingPathComponent(component)
        }
        return resolved
    }
}

/// A path a session may not use.
public enum FileAccessError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyPath
    case outsideSandbox(path: String, roots: [String])

    public var description: String {
        switch self {
        case .emptyPath:
            return "the path is empty"
        case let .outsideSandbox(path, roots):
            let allowed = roots.map { "'\($0)'" }.joined(separator: ", ")
            return "'\(path)' is outside the folders this script may use (\(allowed)); "
                + "to allow another folder, pass --allow-path DIR on the command line"
        }
    }
}
