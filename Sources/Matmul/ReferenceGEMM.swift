/// The obviously correct triple loop that every fast path is tested against.
///
/// Accumulates in Double so that it is a better oracle than the kernels it checks: the tests'
/// error bound is then the kernel's float32 rounding alone.
public func sgemmReference(
    _ transA: Transposition, _ transB: Transposition,
    m: Int, n: Int, k: Int,
    a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int,
    accumulate: Bool = false
) {
    for i in 0..<m {
        for j in 0..<n {
            var sum = 0.0
            for p in 0..<k {
                let aip = transA == .none ? a[i * lda + p] : a[p * lda + i]
                let bpj = transB == .none ? b[p * ldb + j] : b[j * ldb + p]
                sum += Double(aip) * Double(bpj)
            }
            let cij = c + (i * ldc + j)
            cij.pointee = accumulate ? Float(Double(cij.pointee) + sum) : Float(sum)
        }
    }
}
