import Datasets
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes whole files with the guarantees an export promises: a write either
/// replaces the file with verified contents or leaves the old file exactly as it was.
///
/// A write goes to a temporary file in the same folder (so the final `rename` is atomic on
/// one file system), is flushed with `fsync`, read back from disk and checked by the caller's
/// `verify`, and only then renamed over the target; the folder is synced so the rename
/// survives a crash. On any failure the temporary file is removed.
public enum AtomicFile {
    /// Writes `bytes` to `path`; `verify` receives the bytes read back from disk and throws if
    /// they are not what was meant. Creates missing parent folders when `createFolders`.
    public static func write(
        _ bytes: [UInt8], to path: String, createFolders: Bool = true,
        verify: ([UInt8]) throws(ExportError) -> Void = { _ in }
    ) throws(ExportError) {
        let prepared = try prepare(bytes, for: path, createFolders: createFolders, verify: verify)
        try prepared.commit()
    }

    /// Writes `bytes` to a temporary file beside `path`, flushes it, reads it back and verifies
    /// it; nothing at `path` changes until `commit()`. The temporary file is removed when the
    /// result is dropped uncommitted.
    public static func prepare(
        _ bytes: [UInt8], for path: String, createFolders: Bool = true,
        verify: ([UInt8]) throws(ExportError) -> Void = { _ in }
    ) throws(ExportError) -> PreparedFile {
        let folder = parentFolder(of: path)
        if createFolders { try makeFolders(folder) }
        var template = Array((folder + "/." + baseName(of: path) + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw osError(path, "cannot create a temporary file in \(folder)") }
        let prepared = PreparedFile(path: path, temporaryPath: String(cString: template.withUnsafeBufferPointer { $0.baseAddress! }))
        do {
            defer { close(fd) }
            try writeAll(fd, bytes, path: path)
            guard fchmod(fd, 0o644) == 0, fsync(fd) == 0 else { throw osError(path, "cannot flush the file") }
        }
        let written = try read(prepared.temporaryPath)
        guard written == bytes else { throw .verificationFailed(path: path, message: "the bytes read back differ") }
        try verify(written)
        return prepared
    }

    /// Puts prepared files in place together: either all of them replace their targets, or
    /// (when a rename fails partway) the ones already renamed get their old contents back, so
    /// files that belong together (a PyTorch script and its weights) never mismatch.
    public static func commit(together files: [PreparedFile]) throws(ExportError) {
        // Keep each old target under a second name (a hard link costs no space) until all are in place.
        var backups: [(target: String, backup: String?)] = []
        defer { for case let (_, backup?) in backups { _ = unlink(backup) } }
        for file in files {
            let backup = file.temporaryPath + ".old"
            if link(file.path, backup) == 0 {
                backups.append((file.path, backup))
            } else if errno == ENOENT {
                backups.append((file.path, nil))
            } else {
                throw osError(file.path, "cannot keep the old file while replacing it")
            }
        }
        for (i, file) in files.enumerated() {
            do { try file.commit() } catch {
                for (target, backup) in backups[..<i] {
                    if let backup { _ = rename(backup, target) } else { _ = unlink(target) }
                }
                throw error
            }
        }
    }

    /// Writes UTF-8 text atomically (see `write(_:to:createFolders:verify:)`).
    public static func write(
        text: String, to path: String, createFolders: Bool = true,
        verify: (String) throws(ExportError) -> Void = { _ in }
    ) throws(ExportError) {
        try write(Array(text.utf8), to: path, createFolders: createFolders) { bytes throws(ExportError) in
            try verify(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The whole file's bytes: a regular file, no larger than memory allows (`FileBytes`).
    public static func read(_ path: String) throws(ExportError) -> [UInt8] {
        do throws(DataError) { return try FileBytes.contents(of: path) } catch {
            if case .cannotRead(_, let reason) = error { throw .fileSystem(path: path, message: reason) }
            throw .fileSystem(path: path, message: "\(error)")
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(ExportError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw osError(path, "cannot write the file") }
            done += n
        }
    }

    /// Creates `folder` and its missing parents.
    private static func makeFolders(_ folder: String) throws(ExportError) {
        var current = folder.hasPrefix("/") ? "" : "."
        for part in folder.split(separator: "/") where part != "." {
            current += "/" + part
            if mkdir(current, 0o755) != 0, errno != EEXIST { throw osError(folder, "cannot create the folder") }
        }
    }

    static func syncFolder(_ folder: String) {
        // Best effort: some file systems refuse fsync on a directory, and the data is safe anyway.
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func osError(_ path: String, _ what: String) -> ExportError {
        .fileSystem(path: path, message: "\(what): \(String(cString: strerror(errno)))")
    }
}

/// A verified temporary file waiting to replace its target (see `AtomicFile.prepare`).
public final class PreparedFile {
    public let path: String
    let temporaryPath: String
    private var committed = false

    init(path: String, temporaryPath: String) {
        self.path = path
        self.temporaryPath = temporaryPath
    }

    /// Renames the temporary file over the target, then syncs the folder so the rename
    /// survives a crash.
    public func commit() throws(ExportError) {
        guard !committed else { return }
        guard rename(temporaryPath, path) == 0 else { throw AtomicFile.osError(path, "cannot replace the file") }
        committed = true
        AtomicFile.syncFolder(AtomicFile.parentFolder(of: path))
    }

    deinit {
        if !committed { unlink(temporaryPath) }
    }
}

// The module's own `read`/`write` names shadow the C functions inside `AtomicFile`.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
