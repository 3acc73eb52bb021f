#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Autodiff

/// Whole-file reads and writes with POSIX calls, reported as `DataError`s.
///
/// Loading reads a file in one go (no line-at-a-time I/O), with `pread`, in a few pieces per
/// core for a large file; the parsers then work on the bytes. Every file a session reads goes
/// through `openRegularFile` first: only regular files, and none larger than memory allows.
public enum FileBytes {
    /// Pieces smaller than this are read by one thread (the kernel copies several GB/s).
    static let minimumPieceBytes = 8 << 20

    /// The contents of the file at `path`.
    static func load(_ path: String) throws(DataError) -> FileBuffer {
        let (fd, size) = try openRegularFile(path)
        defer { close(fd) }
        let limit = maximumBytes
        let tooBig = DataError.cannotRead(path: path, reason: "it holds more bytes than the memory limit allows")

        let buffer = FileBuffer(capacity: size)
        let pieces = Swift.max(1, Swift.min(Parallel.pieceCount, size / minimumPieceBytes))
        var results = [(got: Int, error: Int32)](repeating: (0, 0), count: pieces)
        results.withUnsafeMutableBufferPointer { results in
            Parallel.forEach(pieces) { i in
                let start = size / pieces * i, end = i == pieces - 1 ? size : size / pieces * (i + 1)
                results[i] = readFully(fd, buffer.base + start, end - start, at: start)
            }
        }
        if let failure = results.first(where: { $0.error != 0 }) {
            throw .cannotRead(path: path, reason: String(cString: strerror(failure.error)))
        }
        // The bytes are good up to the first piece that came up short (a file that shrank).
        var filled = 0
        for (i, result) in results.enumerated() {
            filled = size / pieces * i + result.got
            if filled < (i == pieces - 1 ? size : size / pieces * (i + 1)) { break }
        }
        buffer.setCount(filled)
        guard filled == size else { return buffer }

        // Files in /proc (which report size 0), or a file still growing: read on until the end.
        var more: [UInt8] = []
        while true {
            let old = more.count
            more += repeatElement(0, count: 1 << 16)
            let result = more.withUnsafeMutableBufferPointer { readFully(fd, $0.baseAddress! + old, 1 << 16, at: size + old) }
            if result.error != 0 { throw .cannotRead(path: path, reason: String(cString: strerror(result.error))) }
            more.removeLast((1 << 16) - result.got)
            if result.got == 0 { break }
            guard size + more.count <= limit else { throw tooBig }
        }
        guard !more.isEmpty else { return buffer }
        let grown = FileBuffer(capacity: size + more.count)
        grown.base.update(from: buffer.base, count: size)
        more.withUnsafeBufferPointer { (grown.base + size).update(from: $0.baseAddress!, count: $0.count) }
        grown.setCount(size + more.count)
        return grown
    }

    /// The largest file a session reads, in bytes: the bytes of a file never need more room
    /// than the tensors made from them may take (the allocation limit, in float32s).
    public static var maximumBytes: Int {
        let (bytes, overflow) = TensorAllocationLimit.elements.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        return overflow ? Int.max : bytes
    }

    /// Opens `path` for reading after checking what it is; returns the descriptor (the caller
    /// closes it) and the file's size.
    ///
    /// Only a regular file: reading a FIFO or a device can block for ever (and Ctrl-C cannot
    /// reach a thread waiting in `open`), so it is opened with `O_NONBLOCK` and refused. And no
    /// larger than `maximumBytes`, checked before a byte is read.
    public static func openRegularFile(_ path: String) throws(DataError) -> (fd: Int32, size: Int) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotRead(path: path, reason: lastErrorMessage()) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = lastErrorMessage()
            close(fd)
            throw .cannotRead(path: path, reason: reason)
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            close(fd)
            throw .cannotRead(path: path, reason: type == S_IFDIR ? "it is a folder"
                : "it is not a regular file (a pipe, a device or a socket could keep the session waiting)")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        let size = Int(info.st_size)
        guard size <= maximumBytes else {
            close(fd)
            throw .cannotRead(path: path, reason: "it holds more bytes than the memory limit allows (\(size) bytes; the limit is \(maximumBytes))")
        }
        return (fd, size)
    }

    /// The bytes of the regular file at `path` (see `openRegularFile`).
    public static func contents(of path: String) throws(DataError) -> [UInt8] {
        let file = try load(path)
        return Array(UnsafeBufferPointer(start: file.base, count: file.count))
    }

    /// The text of the regular file at `path`, as UTF-8 (see `openRegularFile`).
    public static func text(of path: String) throws(DataError) -> String {
        let file = try load(path)
        return String(decoding: UnsafeBufferPointer(start: file.base, count: file.count), as: UTF8.self)
    }

    /// `pread` until `count` bytes, the end of the file, or an error (its errno). A pipe has
    /// no offsets: there it reads on from where it is (only one piece reads a pipe: fstat
    /// reports size 0).
    private static func readFully(_ fd: Int32, _ to: UnsafeMutablePointer<UInt8>, _ count: Int, at offset: Int) -> (got: Int, error: Int32) {
        var got = 0
        var seekable = true
        while got < count {
            let n = seekable ? pread(fd, to + got, count - got, off_t(offset + got)) : read(fd, to + got, count - got)
            if n < 0, errno == EINTR { continue }
            if n < 0, errno == ESPIPE, seekable {
                seekable = false
                continue
            }
            if n < 0 { return (got, errno) }
            if n == 0 { break }
            got += n
        }
        return (got, 0)
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
