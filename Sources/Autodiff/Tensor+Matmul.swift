import Matmul

/// The matrix product, with NumPy's `@` rules for vectors, on the project's blocked core.
extension Tensor {
    /// `a @ b`. Shapes: `[m, k] @ [k, n] → [m, n]`; a vector on the left is a row (`[k] @ [k, n]
    /// → [n]`), on the right a column (`[m, k] @ [k] → [m]`), two vectors give their dot product;
    /// `[…, m, k] @ [k, n]` applies the matrix to every row of a batch.
    ///
    /// ∂L/∂a = g · bᵀ and ∂L/∂b = aᵀ · g, computed with the transposed-operand paths of
    /// `sgemm` (no transposed copies).
    public static func matmul(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        guard a.rank >= 1, b.rank >= 1 else {
            throw .rankMismatch(op: "matmul", expected: "tensors of rank ≥ 1", shape: a.rank == 0 ? a.shape : b.shape)
        }
        guard b.rank <= 2 else {
            throw .rankMismatch(op: "matmul", expected: "a vector or matrix on the right", shape: b.shape)
        }
        let k = a.shape[a.rank - 1]
        let bk = b.shape[0]
        guard k == bk else { throw .matmulMismatch(lhs: a.shape, rhs: b.shape) }
        let m = ShapeMath.count(Array(a.shape.dropLast()))  // 1 for a vector
        let n = b.rank == 1 ? 1 : b.shape[1]
        var outShape = Array(a.shape.dropLast())
        if b.rank == 2 { outShape.append(n) }
        _ = try ShapeMath.elementCount(outShape)

        let y = Tensor(uninitializedShape: outShape)
        gemm(.none, .none, m: m, n: n, k: k, a.storage.base, b.storage.base, into: y.storage.base)
        guard a.requiresGrad || b.requiresGrad else { return y }

        return record(.matmul, inputs: a, b, output: y) { g, node in
            let av = node.inputs[0], bv = node.inputs[1]
            var da: Tensor?, db: Tensor?
            if node.needsGradient(0) {  // [m, n] · [n, k] with b stored [k, n]
                let d = Tensor(uninitializedShape: av.shape)
                gemm(.none, .transposed, m: m, n: k, k: n, g.storage.base, bv.storage.base, into: d.storage.base)
                da = d
            }
            if node.needsGradient(1) {  // [k, m] · [m, n] with a stored [m, k]
                let d = Tensor(uninitializedShape: bv.shape)
                gemm(.transposed, .none, m: k, n: n, k: m, av.storage.base, g.storage.base, into: d.storage.base)
                db = d
            }
            return Contributions(da, db)
        }
    }

    /// `C = op(A)·op(B)` for densely stored row-major operands (also convolution's product).
    static func gemm(
        _ ta: Transposition, _ tb: Transposition, m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>
    ) {
        sgemm(ta, tb, m: m, n: n, k: k,
              a: a, lda: Swift.max(ta == .none ? k : m, 1),
              b: b, ldb: Swift.max(tb == .none ? n : k, 1),
              c: c, ldc: Swift.max(n, 1))
    }
}

// MARK: Rules

struct MatmulRule: OpRule {
    var name: String { "matmul" }
    func formula(_ x: OpOperands) -> String { "\(factor(x.a)) · \(factor(x.b))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { index == 0 ? "δ · \(factor(x.b))ᵀ" : "\(factor(x.a))ᵀ · δ" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try Tensor.matmul(x.a, x.b) }
}
