/// The GotoBLAS/BLIS loop nest over one rectangle of C: JC (columns, `nc`), PC (depth, `kc`),
/// IC (rows, `mc`), then the macrokernel's JR and IR.
///
/// `C[rows, columns] (=|+=) op(A)[rows, :] · op(B)[:, columns]`.
///
/// Each depth block after the first accumulates into C (the first one honours the caller's
/// `accumulate`, so with β = 0 C is written before it is ever read). A worker either packs
/// its own blocks into its workspace or reads them from an operand packed once and shared by all
/// workers (``PackedOperand``); the loop nest is the same either way.
struct BlockedGEMM: Sendable {
    let problem: GEMMProblem
    let kernel: Microkernel

    var sizes: BlockSizes { kernel.sizes }

    func run(rows: Range<Int>, columns: Range<Int>, sharedA: PackedOperand? = nil,
             sharedB: PackedOperand? = nil, workspace: borrowing Workspace) {
        let p = problem, s = sizes
        for jc in stride(from: columns.lowerBound, to: columns.upperBound, by: s.nc) {  // JC
            let nc = min(s.nc, columns.upperBound - jc)
            for pc in stride(from: 0, to: p.k, by: s.kc) {  // PC
                let kc = min(s.kc, p.k - pc)
                let packedB: UnsafeMutablePointer<Float>
                if let sharedB {
                    packedB = sharedB.block(depth: pc, kc: kc, line: jc)
                } else {
                    packedB = workspace.b.pointer
                    Packing.packB(p.b, depth: pc..<pc + kc, columns: jc..<jc + nc, nr: s.nr,
                                  isa: kernel.isa, into: packedB)
                }
                let accumulate = p.accumulate || pc > 0
                for ic in stride(from: rows.lowerBound, to: rows.upperBound, by: s.mc) {  // IC
                    let mc = min(s.mc, rows.upperBound - ic)
                    let packedA: UnsafeMutablePointer<Float>
                    if let sharedA {
                        packedA = sharedA.block(depth: pc, kc: kc, line: ic)
                    } else {
                        packedA = workspace.a.pointer
                        Packing.packA(p.a, rows: ic..<ic + mc, depth: pc..<pc + kc, mr: s.mr,
                                      isa: kernel.isa, into: packedA)
                    }
                    macrokernel(kernel, mc: mc, nc: nc, kc: kc, packedA: packedA,
                                packedB: packedB, c: p.c + (ic * p.ldc + jc), ldc: p.ldc,
                                accumulate: accumulate)
                }
            }
        }
    }

    /// The whole product on the calling thread.
    func runSingleThreaded() {
        let workspace = Workspace(sizes: sizes, rows: problem.m, columns: problem.n,
                                  depth: problem.k)
        run(rows: 0..<problem.m, columns: 0..<problem.n, workspace: workspace)
    }
}
