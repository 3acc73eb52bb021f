/// The register tile and cache blocks of one ISA's kernel (BLIS's MR, NR, MC, KC, NC).
///
/// The tile is the kernel's; the blocks come from the running CPU's caches by BLIS's
/// analytical model (``derived(mr:nr:caches:)``), or from `GRADBOOK_BLOCKS`
/// (``BlockSizeOverride``). Every block is a multiple of the register tile, so only the last
/// block in each direction has edges.
public struct BlockSizes: Sendable, Equatable, CustomStringConvertible {
    /// Rows of the register tile (rows of C per microkernel call).
    public let mr: Int
    /// Columns of the register tile (columns of C per microkernel call).
    public let nr: Int
    /// Rows of op(A) per packed A block; a multiple of `mr`.
    public let mc: Int
    /// Depth (the shared dimension) of one packed block.
    public let kc: Int
    /// Columns of op(B) per packed B block; a multiple of `nr`.
    public let nc: Int

    public var description: String { "kc \(kc), mc \(mc), nc \(nc) (tile \(mr)×\(nr))" }

    /// The register tile of each ISA's microkernel: AVX-512 12×32 (24 zmm accumulators),
    /// AVX2 6×16 (12 ymm), portable Swift 6×8 (SIMD8: 12 xmm on SSE2, 6 q-pairs on NEON).
    static func tile(for isa: MatmulISA) -> (mr: Int, nr: Int) {
        switch isa {
        case .avx512: (12, 32)
        case .avx2: (6, 16)
        case .baseline: (6, 8)
        }
    }

    /// The blocks of `isa`'s kernel on this process's CPU (or `GRADBOOK_BLOCKS`).
    static func forISA(_ isa: MatmulISA) -> BlockSizes {
        MatmulConfiguration.current.blockSizes(for: isa)
    }

    /// `count` rounded up to a multiple of `width` (the zero-padded extent of packed panels).
    @inline(__always)
    static func roundUp(_ count: Int, to width: Int) -> Int {
        (count + width - 1) / width * width
    }

    /// `count` rounded down to a multiple of `width`, and at least `width`.
    static func roundDown(_ count: Int, to width: Int) -> Int {
        max(width, count / width * width)
    }
}
