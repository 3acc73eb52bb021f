import Foundation

/// An append-only record of a session's cells, written as each one succeeds, so that a session
/// killed at any moment (SIGKILL, a closed terminal, a power cut) can be restored
/// (`gradbook --resume`).
///
/// Each cell is one `JournalRecord`, appended with a single `write()` and then `fsync`ed, so
/// the file is always a run of whole records, then at most one torn record that reading
/// ignores. The file is created with the first cell (a session that runs nothing leaves no
/// journal), readable only by its owner, and held with an exclusive `flock` while the session
/// runs, so that `--resume` never picks up the journal of a session that is still open.
public final class SessionJournal {
    public let path: String
    public let seed: UInt64
    /// Records written so far.
    public private(set) var recordCount = 0
    /// Why the journal stopped writing, after its first failure (the session goes on without it).
    public private(set) var failure: String?
    private var fd: Int32 = -1

    /// A journal that will be created at `path` with its first cell.
    public init(path: String, seed: UInt64) {
        self.path = path
        self.seed = seed
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Appends one successful cell; `stoppedAtCheck` is where Ctrl-C stopped it, if it did.
    /// Returns false when the journal cannot be written (see `failure`).
    @discardableResult
    public func append(_ cell: Cell, stoppedAtCheck: Int? = nil) -> Bool {
        append(JournalRecord(cell, stoppedAtCheck: stoppedAtCheck))
    }

    /// Appends a record.
    @discardableResult
    public func append(_ record: JournalRecord) -> Bool {
        guard failure == nil else { return false }
        var bytes = record.bytes
        if fd < 0 {
            guard open() else { return false }
            bytes = Array((SessionFile.header(seed: seed) + "\n").utf8) + bytes
        }
        guard writeAll(bytes), fsync(fd) == 0 else {
            fail("cannot write: \(String(cString: strerror(errno)))")
            return false
        }
        recordCount += 1
        return true
    }

    /// Deletes the journal: the session ended cleanly.
    public func discard() {
        if fd >= 0 {
            unlink(path)
            close(fd)
            fd = -1
        }
    }

    private func open() -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            fail("cannot create \(folder): \(error.localizedDescription)")
            return false
        }
        fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            fail("cannot create: \(String(cString: strerror(errno)))")
            return false
        }
        _ = flock(fd, LOCK_EX | LOCK_NB)
        // The new name must survive a power cut too: sync the folder once.
        let folderFD = Glibc.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
        return true
    }

    /// One `write()` for the whole record; a short write (a full disk) continues where it stopped.
    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }

    private func fail(_ reason: String) {
        failure = "journal \(path): \(reason)"
    }
}
