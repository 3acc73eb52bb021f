import Foundation

/// Where a session may read and write files.
///
/// What a person types at the prompt may touch any path they could themselves. A script
/// replayed with `run`, `gradbook run` or `gradbook check` is untrusted — session files travel
/// from teacher to student — so it is confined to the folder it runs from, plus the folders the
/// person allowed on the command line (`--allow-path DIR`), never more by anything the script
/// says. A function a script defines keeps that confinement when it is called later.
///
/// Paths are checked as the kernel will use them: normalized and compared as bytes (never as
/// Swift `String`s, which equate canonically equivalent names), with the symlinks of the deepest
/// existing ancestor resolved. The path returned is the one checked, and a command derives
/// every other name it writes (the weights beside a script, a temporary file) from it.
public struct FileAccessPolicy: Sendable, Equatable {
    /// Canonical roots a confined session may use; nil means unrestricted.
    public let roots: [String]?
    /// The roots as bytes, which is what is compared.
    private let rootBytes: [[UInt8]]?

    public static let unrestricted = FileAccessPolicy(bytes: nil)

    private init(bytes: [[UInt8]]?) {
        rootBytes = bytes
        roots = bytes.map { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Confined to `directory` and `allowed` (each resolved to its canonical path).
    public static func confined(to directory: String, allowing allowed: [String] = []) -> FileAccessPolicy {
        FileAccessPolicy(bytes: ([directory] + allowed).map { folder in
            let absolute = PathBytes.absoluteNormalized(folder)
            return PathBytes.canonical(absolute) ?? absolute
        })
    }

    /// The policy that allows only what both allow: code that came from a confined file, called
    /// from anywhere, stays confined to that file's folders.
    public func narrowed(by other: FileAccessPolicy) -> FileAccessPolicy {
        guard let mine = rootBytes else { return other }
        guard let theirs = other.rootBytes else { return self }
        var common: [[UInt8]] = []
        for a in mine {
            for b in theirs {
                if PathBytes.isWithin(a, b) { common.append(a) } else if PathBytes.isWithin(b, a) { common.append(b) }
            }
        }
        return FileAccessPolicy(bytes: common)
    }

    /// The absolute path for `path` (relative paths are relative to the working directory),
    /// or an error when the policy forbids it. A path to write must name a file: `.`, `..`,
    /// a trailing `/` or an existing folder is refused before anything is written.
    public func resolve(_ path: String, forWriting: Bool = false) throws(FileAccessError) -> String {
        guard !path.isEmpty else { throw .emptyPath }
        guard !path.utf8.contains(0) else { throw .outsideSandbox(path: path, roots: roots ?? []) }
        if forWriting, PathBytes.namesFolder(path) { throw .folder(path: path) }
        let absolute = PathBytes.absoluteNormalized(path)
        let checked: [UInt8]
        if let rootBytes {
            guard let canonical = PathBytes.canonical(absolute),
                  rootBytes.contains(where: { PathBytes.isWithin(canonical, $0) }) else {
                throw .outsideSandbox(path: path, roots: roots ?? [])
            }
            checked = canonical
        } else {
            checked = absolute
        }
        if forWriting, PathBytes.isFolder(checked) { throw .folder(path: path) }
        guard let result = PathBytes.string(checked) else { throw .outsideSandbox(path: path, roots: roots ?? []) }
        return result
    }
}

/// A path a session may not use.
public enum FileAccessError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyPath
    case outsideSandbox(path: String, roots: [String])
    case folder(path: String)

    public var description: String {
        switch self {
        case .emptyPath:
            return "the path is empty"
        case let .outsideSandbox(path, roots):
            let allowed = roots.map { "'\($0)'" }.joined(separator: ", ")
            return "'\(path)' is outside the folders this script may use (\(allowed)); "
                + "to allow another folder, pass --allow-path DIR on the command line"
        case let .folder(path):
            return "'\(path)' is a folder; writing needs the name of a file (such as '\(path.hasSuffix("/") ? path : path + "/")name')"
        }
    }
}
