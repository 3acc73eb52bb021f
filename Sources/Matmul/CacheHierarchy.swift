#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One level of data cache, per core, as the OS reports it.
public struct CacheLevel: Sendable, Equatable, CustomStringConvertible {
    /// Capacity in bytes of one instance (one core's L1, one cluster's L3).
    public let bytes: Int
    /// Associativity (ways per set); a fully associative or unknown cache counts as 8-way.
    public let ways: Int
    /// Cache line in bytes.
    public let lineBytes: Int
    /// Cores that share one instance (1 for a private cache).
    public let sharedBy: Int

    public init(bytes: Int, ways: Int, lineBytes: Int = 64, sharedBy: Int = 1) {
        self.bytes = max(1, bytes)
        self.ways = ways > 0 ? ways : 8
        self.lineBytes = lineBytes > 0 ? lineBytes : 64
        self.sharedBy = max(1, sharedBy)
    }

    /// Sets: capacity / (ways × line); at least 1.
    public var sets: Int { max(1, bytes / (ways * lineBytes)) }

    /// The capacity one core may count on (a shared L3 divided among the cores sharing it).
    public var bytesPerCore: Int { bytes / sharedBy }

    public var description: String {
        let size = bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
        return "\(size) \(ways)-way" + (sharedBy > 1 ? " (shared by \(sharedBy))" : "")
    }
}

/// The data caches the block sizes are derived from: L1d, L2 and (if any) L3.
public struct CacheHierarchy: Sendable, Equatable, CustomStringConvertible {
    public let l1: CacheLevel
    public let l2: CacheLevel
    public let l3: CacheLevel?
    /// Where the figures came from: `sysfs`, `sysconf` or `assumed`.
    public let source: String

    public init(l1: CacheLevel, l2: CacheLevel, l3: CacheLevel?, source: String) {
        (self.l1, self.l2, self.l3, self.source) = (l1, l2, l3, source)
    }

    public var description: String {
        "L1d \(l1), L2 \(l2), L3 " + (l3.map { "\($0)" } ?? "none") + " [\(source)]"
    }

    /// A CPU that reports nothing: caches no larger than any x86-64 or arm64 core of the last
    /// decade has (32 KiB L1d, 256 KiB L2, no L3), so the blocks fit wherever this runs.
    public static let assumed = CacheHierarchy(
        l1: CacheLevel(bytes: 32 << 10, ways: 8), l2: CacheLevel(bytes: 256 << 10, ways: 8),
        l3: nil, source: "assumed")

    /// The running CPU's caches: Linux sysfs (cpu0's cache/index*), else sysconf (which glibc
    /// answers from CPUID leaf 4 on x86), else ``assumed``.
    public static func detect() -> CacheHierarchy {
        if let fromSysfs = fromSysfs(read: readSysfsFile) { return fromSysfs }
        if let fromSysconf = fromSysconf() { return fromSysconf }
        return assumed
    }

    /// The hierarchy from sysfs files, read through `read(index, name)` (a file's text, or nil):
    /// the data and unified caches of levels 1–3 in `index0` … `index7`.
    static func fromSysfs(read: (Int, String) -> String?) -> CacheHierarchy? {
        var levels: [Int: CacheLevel] = [:]
        for index in 0..<8 {
            guard let level = read(index, "level").flatMap({ Int(trimmed($0)) }),
                  let type = read(index, "type").map(trimmed), type == "Data" || type == "Unified",
                  let bytes = read(index, "size").flatMap(parseSize) else { continue }
            let ways = read(index, "ways_of_associativity").flatMap { Int(trimmed($0)) } ?? 0
            let line = read(index, "coherency_line_size").flatMap { Int(trimmed($0)) } ?? 0
            let shared = read(index, "shared_cpu_list").map(countCPUs) ?? 1
            levels[level] = CacheLevel(bytes: bytes, ways: ways, lineBytes: line, sharedBy: shared)
        }
        guard let l1 = levels[1], let l2 = levels[2] else { return nil }
        return CacheHierarchy(l1: l1, l2: l2, l3: levels[3], source: "sysfs")
    }

    private static func fromSysconf() -> CacheHierarchy? {
        #if os(Linux)
        func value(_ name: Int32) -> Int { max(0, sysconf(name)) }
        let l1 = value(Int32(_SC_LEVEL1_DCACHE_SIZE)), l2 = value(Int32(_SC_LEVEL2_CACHE_SIZE))
        guard l1 > 0, l2 > 0 else { return nil }
        let l3 = value(Int32(_SC_LEVEL3_CACHE_SIZE))
        let line = value(Int32(_SC_LEVEL1_DCACHE_LINESIZE))
        return CacheHierarchy(
            l1: CacheLevel(bytes: l1, ways: value(Int32(_SC_LEVEL1_DCACHE_ASSOC)), lineBytes: line),
            l2: CacheLevel(bytes: l2, ways: value(Int32(_SC_LEVEL2_CACHE_ASSOC)), lineBytes: line),
            // sysconf does not say how many cores share the L3: assume all online ones.
            l3: l3 > 0 ? CacheLevel(bytes: l3, ways: value(Int32(_SC_LEVEL3_CACHE_ASSOC)),
                                    lineBytes: line,
                                    sharedBy: ProcessEnvironment.activeProcessorCount) : nil,
            source: "sysconf")
        #else
        return nil
        #endif
    }

    private static func readSysfsFile(index: Int, name: String) -> String? {
        guard let file = fopen("/sys/devices/system/cpu/cpu0/cache/index\(index)/\(name)", "r")
        else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 256)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func trimmed(_ text: String) -> String {
        String(text.filter { !$0.isWhitespace })
    }

    /// `32K`, `1024K`, `2M`, `1G` or a plain byte count.
    static func parseSize(_ text: String) -> Int? {
        let text = trimmed(text)
        let shifts: [Character: Int] = ["K": 10, "M": 20, "G": 30]
        guard let last = text.last else { return nil }
        let shift = shifts[last] ?? 0
        guard let count = Int(shift > 0 ? String(text.dropLast()) : text), count > 0,
              count < (1 << 40) >> shift else { return nil }
        return count << shift
    }

    /// CPUs in a sysfs list such as `0-1`, `0,2,4-7` (at least 1).
    static func countCPUs(_ text: String) -> Int {
        let count = trimmed(text).split(separator: ",").reduce(0) { total, range in
            let ends = range.split(separator: "-").compactMap { Int($0) }
            guard let first = ends.first else { return total }
            return total + max(1, (ends.last ?? first) - first + 1)
        }
        return max(1, count)
    }
}
