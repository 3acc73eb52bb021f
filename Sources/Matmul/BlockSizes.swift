/// The register tile and cache blocks of one ISA's kernel (BLIS's MR, NR, MC, KC, NC).
///
/// The packed A block (`mc × kc`) is sized for L2 and `nc` bounds the packed B block (`kc × nc`)
/// in L3, as in BLIS. Classic BLIS also keeps the B micro-panel (`kc × nr`) in L1; on this
/// project's machines (AMD Zen 5: 48 KiB L1, 1 MiB L2 per core) a deeper kc that lets it spill to
/// L2 measured faster, because the C tile is then reloaded less often. Every block is a multiple
/// of the register tile, so only the last block in each direction has edges.
struct BlockSizes: Sendable, Equatable {
    /// Rows of the register tile (rows of C per microkernel call).
    let mr: Int
    /// Columns of the register tile (columns of C per microkernel call).
    let nr: Int
    /// Rows of op(A) per packed A block; a multiple of `mr`.
    let mc: Int
    /// Depth (the shared dimension) of one packed block.
    let kc: Int
    /// Columns of op(B) per packed B block; a multiple of `nr`.
    let nc: Int

    /// AVX-512: 12×32 tile (24 zmm accumulators). Measured on this project's machines (1 MiB
    /// L2, one thread, CPU-time GFLOP/s at n = 1024): kc = 384 gave 74% of the FMA peak, 512 gave
    /// 82%, 1024 gave 85–89% — a deeper block halves how often each C tile is reloaded, and the
    /// 128 KiB B micro-panel streams well from L2. mc = 96 keeps the A block at 384 KiB (inside
    /// L2 with the B micro-panel); nc = 2048 (an 8 MiB B block in L3) matched 4096.
    static let avx512 = BlockSizes(mr: 12, nr: 32, mc: 96, kc: 1024, nc: 2048)

    /// AVX2: 6×16 tile (12 ymm accumulators). Measured like AVX-512: kc = 256 reached 65% of
    /// the AVX2 FMA peak at n = 1024, kc = 1024 about 88%; mc = 48 (a 192 KiB A block, which
    /// still fits the 256 KiB L2 of older AVX2 CPUs) was as fast here as mc = 96.
    static let avx2 = BlockSizes(mr: 6, nr: 16, mc: 48, kc: 1024, nc: 2048)

    /// Portable Swift: 6×8 tile (SIMD8 accumulators: 12 xmm on SSE2, 6 q-pairs on NEON).
    /// Conservative blocks that fit any L2 of 256 KiB or more.
    static let baseline = BlockSizes(mr: 6, nr: 8, mc: 96, kc: 256, nc: 2048)

    static func forISA(_ isa: MatmulISA) -> BlockSizes {
        switch isa {
        case .avx512: .avx512
        case .avx2: .avx2
        case .baseline: .baseline
        }
    }

    /// `count` rounded up to a multiple of `width` (the zero-padded extent of packed panels).
    @inline(__always)
    static func roundUp(_ count: Int, to width: Int) -> Int {
        (count + width - 1) / width * width
    }
}

