#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Paths as the kernel sees them: byte strings split at the byte `/`.
///
/// Swift's `String` compares canonically equivalent text as equal (KELVIN SIGN and K, a
/// precomposed é and e + U+0301) and groups a combining mark with the `/` before it into one
/// `Character`, while the file system stores the bytes as given: two such names are two
/// different folders. So every split, prefix test and equality here is on UTF-8 bytes.
enum PathBytes {
    static let slash = UInt8(ascii: "/")
    static let dot = UInt8(ascii: ".")

    /// The components of `path`, split at `/` bytes (empty ones dropped).
    static func components(_ path: [UInt8]) -> [[UInt8]] {
        path.split(separator: slash, omittingEmptySubsequences: true).map(Array.init)
    }

    /// Whether the last component names a folder by its form alone: `.`, `..`, or a trailing `/`.
    static func namesFolder(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        if bytes.last == slash { return true }
        guard let last = components(bytes).last else { return true }
        return last == [dot] || last == [dot, dot]
    }

    /// `path` made absolute (relative to the working directory) with `.`, `..` and repeated
    /// slashes removed lexically; `..` at the root stays at the root. The result has no `.` or
    /// `..` component, so nothing appended after a check can climb out of what was checked.
    static func absoluteNormalized(_ path: String) -> [UInt8] {
        var bytes = Array(path.utf8)
        if bytes.first == UInt8(ascii: "~"), bytes.count == 1 || bytes[1] == slash {
            bytes = Array(NSHomeDirectory().utf8) + bytes.dropFirst()
        }
        if bytes.first != slash { bytes = workingDirectory() + [slash] + bytes }
        var kept: [[UInt8]] = []
        for part in components(bytes) {
            if part == [dot] { continue }
            if part == [dot, dot] { _ = kept.popLast(); continue }
            kept.append(part)
        }
        return joined(kept)
    }

    static func joined(_ parts: [[UInt8]]) -> [UInt8] {
        parts.isEmpty ? [slash] : parts.flatMap { [slash] + $0 }
    }

    /// Whether `path` is `root` or inside it, byte for byte.
    static func isWithin(_ path: [UInt8], _ root: [UInt8]) -> Bool {
        if path == root { return true }
        let prefix = root.last == slash ? root : root + [slash]
        return path.starts(with: prefix)
    }

    /// `path` (absolute, normalized) with the symlinks of its deepest existing ancestor resolved
    /// by `realpath`, and the missing tail (a file about to be written, folders `save` will
    /// create) appended as it is. Nil when an existing part cannot be resolved (a dangling
    /// symlink): such a path is refused rather than guessed at.
    static func canonical(_ path: [UInt8]) -> [UInt8]? {
        var parts = components(path)
        var tail: [[UInt8]] = []
        while !parts.isEmpty, !exists(joined(parts)) {
            tail.insert(parts.removeLast(), at: 0)
        }
        guard let resolved = realPath(joined(parts)) else { return nil }
        return tail.isEmpty ? resolved : joined(components(resolved) + tail)
    }

    /// Whether something (a file, a folder, a symlink even if dangling) is at `path`.
    static func exists(_ path: [UInt8]) -> Bool {
        var info = stat()
        return withCString(path) { lstat($0, &info) } == 0
    }

    /// Whether `path` is a folder (following symlinks).
    static func isFolder(_ path: [UInt8]) -> Bool {
        var info = stat()
        return withCString(path) { stat($0, &info) } == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func realPath(_ path: [UInt8]) -> [UInt8]? {
        guard let real = withCString(path, { realpath($0, nil) }) else { return nil }
        defer { free(real) }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(real).assumingMemoryBound(to: UInt8.self), count: strlen(real)))
    }

    static func workingDirectory() -> [UInt8] {
        guard let cwd = getcwd(nil, 0) else { return Array(FileManager.default.currentDirectoryPath.utf8) }
        defer { free(cwd) }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(cwd).assumingMemoryBound(to: UInt8.self), count: strlen(cwd)))
    }

    /// The bytes as a `String`, or nil when they are not UTF-8 (a `String` would replace the
    /// bad bytes, and then name another file than the one checked).
    static func string(_ bytes: [UInt8]) -> String? {
        String(validating: bytes, as: UTF8.self)
    }

    private static func withCString<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }
}
