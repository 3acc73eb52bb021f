import CMatmulKernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The instruction sets the matmul core has kernels for, best first.
public enum MatmulISA: String, Sendable, CaseIterable, CustomStringConvertible {
    /// 12×32 zmm microkernel with FMA (C intrinsics, `target("avx512f")`).
    case avx512
    /// 6×16 ymm microkernel with FMA (C intrinsics, `target("avx2,fma")`).
    case avx2
    /// Portable Swift SIMD microkernel, multiply-add without FMA: any CPU, including arm64.
    case baseline

    public var description: String { rawValue }

    /// Whether the running CPU can execute this ISA's kernels.
    public var isSupported: Bool { MatmulISA.supported.contains(self) }

    /// The ISAs of the running CPU, detected once (every product resolves its ISA).
    private static let supported: Set<MatmulISA> = Set(allCases.filter { isa in
        switch isa {
        case .avx512: gb_cpu_has_avx512() != 0
        case .avx2: gb_cpu_has_avx2_fma() != 0
        case .baseline: true
        }
    })

    /// The best ISA the running CPU supports.
    public static var best: MatmulISA {
        allCases.first { $0.isSupported } ?? .baseline
    }

    /// `requested` if the CPU supports it, else the best supported ISA below it: forcing an ISA
    /// the CPU lacks must degrade, never crash with an illegal instruction.
    public static func resolve(_ requested: MatmulISA) -> MatmulISA {
        allCases.drop { $0 != requested }.first { $0.isSupported } ?? .baseline
    }
}

/// How the matmul core runs on this machine: the kernel ISA, the cache blocks and the cap on
/// worker threads.
///
/// Read once, at first use, from the CPU features, its caches and three environment variables:
/// - `GRADBOOK_ISA` = `avx512` | `avx2` | `baseline` forces a kernel (an ISA the CPU lacks falls
///   back to the best one it has);
/// - `GRADBOOK_THREADS` = N caps the threads a large product may use (1 forces one thread);
/// - `GRADBOOK_BLOCKS` = kc,mc,nc replaces the blocks derived from the caches (a malformed
///   value is ignored, and `blockOverrideRejection` says why).
public struct MatmulConfiguration: Sendable, CustomStringConvertible {
    /// The kernel ISA every product uses.
    public let isa: MatmulISA
    /// The most threads one product may use (≥ 1); small products always use one.
    public let threadCap: Int
    /// What `GRADBOOK_ISA` asked for, if it was set (the reason `isa` may differ from the best).
    public let requestedISA: String?
    /// The data caches the blocks are derived from.
    public let caches: CacheHierarchy
    /// `GRADBOOK_BLOCKS`, when it was set and well formed.
    public let blockOverride: BlockSizeOverride?
    /// Why `GRADBOOK_BLOCKS` was ignored, when it was set and malformed.
    public let blockOverrideRejection: BlockSizeOverride.Rejection?
    /// Each ISA's blocks, in `MatmulISA.allCases` order (products look them up, never derive).
    private let blocksByISA: [BlockSizes]

    /// The configuration of this process, read once.
    public static let current = MatmulConfiguration(environment: ProcessEnvironment.read)

    /// Resolves a configuration from environment values (`GRADBOOK_ISA`, `GRADBOOK_THREADS`,
    /// `GRADBOOK_BLOCKS`) and the caches (by default the running CPU's).
    public init(environment: [String: String], caches: CacheHierarchy = .detect()) {
        let requested = environment["GRADBOOK_ISA"].map { $0.lowercased() }
        requestedISA = requested
        isa = requested.flatMap(MatmulISA.init(rawValue:)).map(MatmulISA.resolve) ?? .best
        let cores = ProcessEnvironment.activeProcessorCount
        let cap = environment["GRADBOOK_THREADS"].flatMap { Int($0) } ?? cores
        threadCap = max(1, min(cap, cores))
        self.caches = caches
        var override: BlockSizeOverride?, rejection: BlockSizeOverride.Rejection?
        if let text = environment["GRADBOOK_BLOCKS"] {
            do { override = try BlockSizeOverride.parse(text) } catch { rejection = error }
        }
        (blockOverride, blockOverrideRejection) = (override, rejection)
        blocksByISA = MatmulISA.allCases.map { isa in
            let tile = BlockSizes.tile(for: isa)
            return override?.applied(mr: tile.mr, nr: tile.nr)
                ?? BlockSizes.derived(mr: tile.mr, nr: tile.nr, caches: caches)
        }
    }

    /// The cache blocks of `isa`'s kernel.
    public func blockSizes(for isa: MatmulISA) -> BlockSizes {
        blocksByISA[MatmulISA.allCases.firstIndex(of: isa) ?? 0]
    }

    /// The threads a large product would use right now: `threadCap`, less the cores other
    /// runnable tasks keep busy (see `SystemLoad`).
    public var threadsAvailableNow: Int {
        min(threadCap, SystemLoad.idleCores(of: ProcessEnvironment.activeProcessorCount))
    }

    public var description: String {
        "isa=\(isa) threads≤\(threadCap)" + (requestedISA.map { " (GRADBOOK_ISA=\($0))" } ?? "")
            + " blocks \(blockSizes(for: isa))" + (blockOverride != nil ? " (GRADBOOK_BLOCKS)" : "")
    }
}

/// The two facts of the process the configuration depends on.
enum ProcessEnvironment {
    /// The `GRADBOOK_*` variables of the process environment.
    static var read: [String: String] {
        var values: [String: String] = [:]
        for name in ["GRADBOOK_ISA", "GRADBOOK_THREADS", "GRADBOOK_BLOCKS"] {
            if let value = getenv(name) { values[name] = String(cString: value) }
        }
        return values
    }

    /// Online processors (sysconf reads a sysfs file, so this is read once).
    static let activeProcessorCount = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
