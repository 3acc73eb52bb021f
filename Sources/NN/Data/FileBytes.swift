#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Autodiff

/// Whole-file reads and writes with POSIX calls, reported as `DataError`s.
///
/// Loading reads a file in one go (no line-at-a-time I/O); the parsers then work on the bytes.
enum FileBytes {
    /// The file's bytes followed by one NUL, which is not part of the file: scanners (see
    /// `FloatParser`) stop at it without an end check. `bytes.count - 1` is the file's size.
    static func load(_ path: String) throws(DataError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotRead(path: path, reason: lastErrorMessage()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .cannotRead(path: path, reason: lastErrorMessage()) }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw .cannotRead(path: path, reason: "it is a folder") }
        // The bytes of a file never need more room than the tensors made from them may take.
        let limit = TensorAllocationLimit.elements.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        let size = Int(info.st_size)
        guard limit.overflow || size <= limit.partialValue else {
            throw .cannotRead(path: path, reason: "it is \(size) bytes, more than the memory limit allows")
        }
        var bytes = try readUpTo(size, from: fd, path: path)
        // Files in /proc, pipes, or a file still growing: keep reading until the end.
        while true {
            let more = try readUpTo(1 << 16, from: fd, path: path)
            if more.isEmpty { break }
            bytes += more
            guard limit.overflow || bytes.count <= limit.partialValue else {
                throw .cannotRead(path: path, reason: "it holds more bytes than the memory limit allows")
            }
        }
        bytes.append(0)
        return bytes
    }

    /// Up to `count` bytes from `fd` (fewer only at the end of the file), into memory that is
    /// not zeroed first: the kernel's copy is the only pass over it.
    private static func readUpTo(_ count: Int, from fd: Int32, path: String) throws(DataError) -> [UInt8] {
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: count + 1) { buffer, filled in
            filled = 0
            while filled < count, let base = buffer.baseAddress {
                let got = read(fd, base + filled, count - filled)
                if got < 0, errno == EINTR { continue }
                if got < 0 { failure = lastErrorMessage() }
                if got <= 0 { break }
                filled += got
            }
        }
        if let failure { throw .cannotRead(path: path, reason: failure) }
        return bytes
    }

    /// Writes `bytes` to `path`, replacing any file there.
    static func save(_ bytes: [UInt8], to path: String) throws(DataError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: lastErrorMessage()) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = lastErrorMessage()
                close(fd)
                throw .cannotWrite(path: path, reason: reason)
            }
            written += n
        }
        guard close(fd) == 0 else { throw .cannotWrite(path: path, reason: lastErrorMessage()) }
    }

    /// The C library's text for the current `errno` ("No such file or directory").
    private static func lastErrorMessage() -> String {
        String(cString: strerror(errno))
    }
}
