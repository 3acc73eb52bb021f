/// The macrokernel: `C[mc × nc] (=|+=) Ã · B̃` for one packed A block and one packed B block
/// (BLIS's JR and IR loops around the microkernel).
///
/// - `packedA`: `mc × kc` in `mr`-row panels; `packedB`: `kc × nc` in `nr`-column panels
///   (layouts in ``Packing``).
/// - `c`: the block's top-left element of row-major C, row stride `ldc`.
///
/// JR outside IR: one `kc × nr` B micro-panel stays close (L1, or L2 when kc is large — 128 KiB
/// at kc = 1024) while the `mr × kc` A panels of the L2-resident block stream past it. Edge tiles (the last row panel, the last column panel) are passed to the
/// microkernel with their true `mr`/`nr`.
@inline(__always)
func macrokernel(
    _ kernel: Microkernel, mc: Int, nc: Int, kc: Int,
    packedA: UnsafePointer<Float>, packedB: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool
) {
    let mr = kernel.sizes.mr, nr = kernel.sizes.nr
    for jr in stride(from: 0, to: nc, by: nr) {  // JR: columns of the B block, nr at a time
        let columns = min(nr, nc - jr)
        let bPanel = packedB + jr * kc
        for ir in stride(from: 0, to: mc, by: mr) {  // IR: rows of the A block, mr at a time
            kernel(kc: kc, a: packedA + ir * kc, b: bPanel, c: c + (ir * ldc + jr), ldc: ldc,
                   mr: min(mr, mc - ir), nr: columns, accumulate: accumulate)
        }
    }
}
