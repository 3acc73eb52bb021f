/// The register tile and cache blocks of one ISA's kernel (BLIS's MR, NR, MC, KC, NC).
///
/// The packed A block (`mc × kc`) is sized for L2 and the B micro-panel (`kc × nr`) for L1, so
/// the microkernel streams A from L2 and B from L1; `nc` bounds the packed B block in L3. Every
/// block is a multiple of the register tile, so only the last block in each direction has edges.
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

    /// AVX-512: 12×32 tile (24 zmm accumulators). kc = 384: MATMUL.md measured kc = 256 at
    /// 0.78× OpenBLAS on 2048 and kc = 384–512 at ~1.0×; mc = 144 keeps the 144×384 A block
    /// (216 KiB) well inside a 1–2 MiB L2 next to the streaming B panel; nc = 4096 is the
    /// measured knee for the L3-resident B block.
    static let avx512 = BlockSizes(mr: 12, nr: 32, mc: 144, kc: 384, nc: 4096)

    /// AVX2: 6×16 tile (12 ymm accumulators). kc = 256 makes the B micro-panel 16 KiB (half of
    /// the smallest AVX2-era L1) and mc = 120 keeps the A block at 120 KiB, inside a 256 KiB L2.
    static let avx2 = BlockSizes(mr: 6, nr: 16, mc: 120, kc: 256, nc: 4096)

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
