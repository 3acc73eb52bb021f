import CMatmulKernels

/// The microkernel of one ISA: `C[0..<mr, 0..<nr] (=|+=) Ãp · B̃p` over packed panels.
///
/// Contract (shared by all three kernels, see `gb_kernel_avx512` and ``portableMicrokernel``):
/// - `a` is a packed A panel, `kc × MR`, k-major and zero-padded; `b` a packed B panel,
///   `kc × NR`, k-major and zero-padded (see ``Packing``);
/// - `c` is the tile's top-left element of row-major C with row stride `ldc`; only rows `< mr`
///   and columns `< nr` are stored (masked stores in C, a scratch tile in Swift);
/// - `accumulate == false`: the tile of C is written, never read (β = 0).
struct Microkernel: Sendable {
    let isa: MatmulISA
    let sizes: BlockSizes

    /// `isa`'s kernel with `sizes` (by default the process's blocks for it).
    init(isa: MatmulISA, sizes: BlockSizes? = nil) {
        self.isa = isa
        self.sizes = sizes ?? .forISA(isa)
        precondition(isa != .baseline || (self.sizes.mr, self.sizes.nr) == (6, 8),
                     "portable kernel is 6×8, blocks say \(self.sizes.mr)×\(self.sizes.nr)")
    }

    @inline(__always)
    func callAsFunction(
        kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, mr: Int, nr: Int, accumulate: Bool
    ) {
        switch isa {
        case .avx512:
            gb_kernel_avx512(kc, a, b, c, ldc, mr, nr, accumulate ? 1 : 0)
        case .avx2:
            gb_kernel_avx2(kc, a, b, c, ldc, mr, nr, accumulate ? 1 : 0)
        case .baseline:
            portableMicrokernel(kc: kc, a: a, b: b, c: c, ldc: ldc, mr: mr, nr: nr,
                                accumulate: accumulate)
        }
    }
}
