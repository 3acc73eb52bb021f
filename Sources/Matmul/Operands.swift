/// A read-only strided view of a matrix operand as the product sees it (op(A) or op(B)).
///
/// Element (i, p) is `base[i * rowStride + p * columnStride]`. A stored row-major matrix with
/// leading dimension `ld` is `(ld, 1)`; its transpose is `(1, ld)`: transposition is only a swap of
/// strides, which is how the packing reads Aᵀ and Bᵀ without a transposed copy.
struct StridedMatrix: @unchecked Sendable {
    let base: UnsafePointer<Float>
    let rowStride: Int
    let columnStride: Int

    init(_ base: UnsafePointer<Float>, ld: Int, _ transposition: Transposition) {
        self.base = base
        switch transposition {
        case .none: (rowStride, columnStride) = (ld, 1)
        case .transposed: (rowStride, columnStride) = (1, ld)
        }
    }

    private init(base: UnsafePointer<Float>, rowStride: Int, columnStride: Int) {
        (self.base, self.rowStride, self.columnStride) = (base, rowStride, columnStride)
    }

    /// The view starting at element (row, column).
    @inline(__always)
    func offset(row: Int, column: Int) -> StridedMatrix {
        StridedMatrix(base: base + (row * rowStride + column * columnStride),
                      rowStride: rowStride, columnStride: columnStride)
    }

    /// The transpose, as a view (no copy).
    var transposed: StridedMatrix {
        StridedMatrix(base: base, rowStride: columnStride, columnStride: rowStride)
    }
}

/// One product `C (=|+=) op(A)·op(B)`: op(A) is m×k, op(B) is k×n, C is m×n row-major.
struct GEMMProblem: @unchecked Sendable {
    let m: Int
    let n: Int
    let k: Int
    let a: StridedMatrix
    let b: StridedMatrix
    let c: UnsafeMutablePointer<Float>
    let ldc: Int
    let accumulate: Bool

    /// 2·m·n·k: the floating-point operations of the product.
    var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
}
