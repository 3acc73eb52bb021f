/// The portable microkernel: `C[0..<mr, 0..<nr] (=|+=) Σ_p Ap[p][i]·Bp[p][j]`, a 6×8 tile.
///
/// - `a`: packed A panel, `kc × 6`, k-major (`a[p·6 + i]`), zero-padded past the edge.
/// - `b`: packed B panel, `kc × 8`, k-major (`b[p·8 + j]`), zero-padded past the edge.
/// - `c`: the tile's top-left element in row-major C with row stride `ldc`.
/// - Only rows `< mr` and columns `< nr` are touched; an edge tile goes through a scratch tile.
/// - `accumulate == false`: C is written and never read (β = 0).
///
/// Plain SIMD multiply-add, not `addingProduct`: without FMA in the target (the default x86-64
/// build is SSE2) LLVM lowers `addingProduct` to per-lane `fmaf` calls, and `c + a*b` is never
/// fused anyway (docs/numerics.md, "Kernels"). This kernel exists for CPUs without AVX2 and for arm64.
func portableMicrokernel(
    kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, mr: Int, nr: Int, accumulate: Bool
) {
    typealias Row = SIMD8<Float>
    var c0 = Row(), c1 = Row(), c2 = Row(), c3 = Row(), c4 = Row(), c5 = Row()
    var pa = a
    var pb = UnsafeRawPointer(b)
    for _ in 0..<kc {
        let bp = pb.loadUnaligned(as: Row.self)
        c0 += bp * pa[0]
        c1 += bp * pa[1]
        c2 += bp * pa[2]
        c3 += bp * pa[3]
        c4 += bp * pa[4]
        c5 += bp * pa[5]
        pa += 6
        pb += MemoryLayout<Row>.stride
    }
    let rows = (c0, c1, c2, c3, c4, c5)
    if mr == 6 && nr == 8 {
        withUnsafeBytes(of: rows) { tile in
            for i in 0..<6 {
                var row = tile.loadUnaligned(fromByteOffset: i * 32, as: Row.self)
                let target = UnsafeMutableRawPointer(c + i * ldc)
                if accumulate { row += target.loadUnaligned(as: Row.self) }
                target.storeBytes(of: row, as: Row.self)
            }
        }
    } else {
        // Scratch tile: the full 6×8 result, of which only mr×nr reaches C.
        withUnsafeBytes(of: rows) { tile in
            let scratch = tile.assumingMemoryBound(to: Float.self)
            for i in 0..<mr {
                for j in 0..<nr {
                    let value = scratch[i * 8 + j]
                    c[i * ldc + j] = accumulate ? c[i * ldc + j] + value : value
                }
            }
        }
    }
}
