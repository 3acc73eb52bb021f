#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes in memory, followed by `padding` zero bytes that are not part of it: scanners
/// (see `FloatParser`) stop at the first NUL without an end check.
///
/// Large buffers are 2 MiB-aligned and marked for transparent huge pages, which makes the page
/// faults of filling 200 MB and the unmapping when it is freed cheap (one per 2 MiB instead
/// of one per 4 KiB) — together about a fifth of loading a large CSV file otherwise.
final class FileBuffer {
    static let padding = 16
    static let hugePage = 2 << 20

    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// The file's size: the bytes before the padding.
    private(set) var count = 0

    /// Room for `capacity` bytes and the padding (contents undefined until `setCount`).
    init(capacity: Int) {
        self.capacity = capacity
        let big = capacity >= 2 * FileBuffer.hugePage
        let alignment = big ? FileBuffer.hugePage : 64
        let length = (capacity + FileBuffer.padding + alignment - 1) / alignment * alignment
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, alignment, length) == 0, let raw else {
            preconditionFailure("out of memory allocating \(length) bytes for a file")
        }
        if big { FileBuffer.adviseHugePages(raw, length) }
        base = raw.bindMemory(to: UInt8.self, capacity: length)
    }

    /// Asks for transparent huge pages on the whole 2 MiB pages inside `count` bytes at
    /// `start` — memory not touched yet. A hint: where the kernel has none, 4 KiB pages.
    static func adviseHugePages(_ start: UnsafeMutableRawPointer, _ count: Int) {
        #if canImport(Glibc)
        let first = (Int(bitPattern: start) + hugePage - 1) / hugePage * hugePage
        let last = (Int(bitPattern: start) + count) / hugePage * hugePage
        guard last > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, last - first, MADV_HUGEPAGE)
        #endif
    }

    /// Declares the first `count` bytes (≤ capacity) filled, and writes the padding after them.
    func setCount(_ count: Int) {
        self.count = count
        (base + count).initialize(repeating: 0, count: FileBuffer.padding)
    }

    /// The file's bytes and one NUL after them (the CSV parser's view).
    var terminated: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count + 1) }

    /// The file's bytes.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    deinit { free(base) }
}
