#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// How many float32 elements tensors may take: one tensor, and all live tensors together.
///
/// A person typing `zeros(100000, 100000)`, or a fourth large matrix after three, must get an
/// error naming the size and the limit, not an out-of-memory kill that loses the session. Both
/// limits come from the memory the process may really use (`MemoryBudget.usableBytes`: physical
/// memory, the cgroup's memory limit, `RLIMIT_AS` and `RLIMIT_DATA`, whichever is smallest):
/// one tensor may take a quarter of it (room for an operation's inputs, output and gradients at
/// once), all tensors together half of it (the rest is the program, its threads and the
/// allocator's slack, which count against `RLIMIT_AS` too).
public enum TensorAllocationLimit {
    private static let storage = Atomic<Int>(defaultElements)
    private static let totalStorage = Atomic<Int>(defaultTotalElements)
    /// Elements in the separately allocated buffers alive now (kept by `TensorStorage`).
    static let held = Atomic<Int>(0)

    /// The largest tensor, in elements.
    public static var elements: Int {
        get { storage.load(ordering: .relaxed) }
        set { storage.store(max(1, newValue), ordering: .relaxed) }
    }

    /// The elements all live tensors may hold together.
    public static var totalElements: Int {
        get { totalStorage.load(ordering: .relaxed) }
        set { totalStorage.store(max(1, newValue), ordering: .relaxed) }
    }

    /// The elements held by live tensors now (tiny buffers, kept inside their objects, aside).
    public static var heldElements: Int { held.load(ordering: .relaxed) }

    /// A quarter of the usable memory, in float32 elements.
    public static var defaultElements: Int { MemoryBudget.usableBytes / 4 / MemoryLayout<Float>.stride }

    /// Half of the usable memory, in float32 elements.
    public static var defaultTotalElements: Int { MemoryBudget.usableBytes / 2 / MemoryLayout<Float>.stride }
}

/// The memory this process may use, in bytes: the smallest of physical memory, the cgroup's
/// limit (a container's `--memory`), and the address-space and data-segment rlimits (`ulimit -v`,
/// `ulimit -d`). 16 GiB when none of them can be read.
public enum MemoryBudget {
    public static var usableBytes: Int {
        let limits = ([physicalBytes, cgroupBytes] + rlimits).compactMap { $0 }
        return limits.min() ?? 16 << 30
    }

    static var physicalBytes: Int? {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return nil }
        let bytes = pages.multipliedReportingOverflow(by: pageSize)
        return bytes.overflow ? nil : bytes.partialValue
    }

    /// The soft address-space and data-segment rlimits in bytes (nil when unlimited).
    static var rlimits: [Int?] {
        #if canImport(Glibc)
        [rlimitBytes(__rlimit_resource_t(RLIMIT_AS.rawValue)), rlimitBytes(__rlimit_resource_t(RLIMIT_DATA.rawValue))]
        #else
        [rlimitBytes(RLIMIT_AS), rlimitBytes(RLIMIT_DATA)]
        #endif
    }

    #if canImport(Glibc)
    private static func rlimitBytes(_ resource: __rlimit_resource_t) -> Int? {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return nil }
        return limit.rlim_cur >= UInt64(Int.max) ? nil : Int(limit.rlim_cur)   // RLIM_INFINITY is all ones
    }
    #else
    private static func rlimitBytes(_ resource: Int32) -> Int? {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return nil }
        return limit.rlim_cur >= UInt64(Int.max) ? nil : Int(limit.rlim_cur)   // RLIM_INFINITY is all ones
    }
    #endif

    /// The memory limit of this process's cgroup (v2 `memory.max`, else v1
    /// `memory.limit_in_bytes`), nil when there is none.
    static var cgroupBytes: Int? {
        for file in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            guard let text = firstLine(of: file) else { continue }
            // "max", or v1's "no limit" (a number near 2^63).
            if let n = Int(text), n > 0, n < 1 << 60 { return n }
        }
        return nil
    }

    private static func firstLine(of path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(fd, &buffer, buffer.count)
        guard n > 0 else { return nil }
        return String(decoding: buffer[..<n], as: UTF8.self).split(separator: "\n").first.map(String.init)
    }
}
