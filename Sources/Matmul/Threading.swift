import Dispatch
import Synchronization

/// Multi-threaded products: one fork/join per product, work split over C in 2-D, pulled
/// dynamically so that a thread whose core is busy simply takes fewer pieces.
///
/// Two phases, each one `concurrentPerform`:
/// 1. The operand every piece needs (op(A) when C is split by columns, op(B) when split by rows)
///    is packed once, whole, into a ``PackedOperand``; its panels are handed out dynamically.
/// 2. C is cut into pieces along the other dimension (several per thread); each worker pulls
///    pieces from an atomic counter and runs the ordinary JC/PC/IC loop nest on them, packing
///    only its piece of the other operand.
/// There is no barrier per (jc, pc) block: a worker never waits for another inside a phase.
enum Threading {
    /// Below this many flops a product runs on one thread: a fork/join and a shared packing pass
    /// cost ~10–20 µs, the time of a 2·128³ product on one AVX-512 core. Measured: 2 threads
    /// only beat 1 from about 128³ on (see bench/matmul_vs_numpy.py).
    static let minimumFlopsForThreads = 2.0 * 128 * 128 * 128

    /// Pieces per thread in phase 2: with 4, a thread running at half speed (its core shared)
    /// leaves at most ~1/8 of the work for the other to wait on.
    static let piecesPerThread = 4

    /// How many threads a product of this size should use, at most `cap`.
    static func threadCount(for problem: GEMMProblem, cap: Int) -> Int {
        threadCount(m: problem.m, n: problem.n, k: problem.k, cap: cap)
    }

    static func threadCount(m: Int, n: Int, k: Int, cap: Int) -> Int {
        guard cap > 1, 2 * Double(m) * Double(n) * Double(k) >= minimumFlopsForThreads else {
            return 1
        }
        // Each thread needs at least one tile row or column of C to own.
        return min(cap, max(1, max(m, n) / 64))
    }

    static func run(_ gemm: BlockedGEMM, threads: Int) {
        let p = gemm.problem, s = gemm.sizes
        if p.n >= p.m {
            // Split C by columns; every piece needs all of op(A): pack it once.
            let shared = packShared(lines: p.m, width: s.mr, k: p.k, kc: s.kc, threads: threads) {
                Packing.packA(p.a, rows: $0, depth: $1, mr: s.mr, into: $2)
            }
            defer { BufferPool.release(shared.buffer) }
            let pieces = split(p.n, width: s.nr, threads: threads)
            let widest = pieces.map(\.count).max() ?? 0
            parallelFor(pieces.count, threads: threads) {
                Workspace(sizes: s, rows: 0, columns: widest, depth: p.k)
            } body: { piece, workspace in
                gemm.run(rows: 0..<p.m, columns: pieces[piece], sharedA: shared.operand,
                         workspace: workspace)
            }
        } else {
            // Split C by rows; every piece needs all of op(B): pack it once.
            let shared = packShared(lines: p.n, width: s.nr, k: p.k, kc: s.kc, threads: threads) {
                Packing.packB(p.b, depth: $1, columns: $0, nr: s.nr, into: $2)
            }
            defer { BufferPool.release(shared.buffer) }
            let pieces = split(p.m, width: s.mr, threads: threads)
            let tallest = pieces.map(\.count).max() ?? 0
            parallelFor(pieces.count, threads: threads) {
                Workspace(sizes: s, rows: tallest, columns: 0, depth: p.k)
            } body: { piece, workspace in
                gemm.run(rows: pieces[piece], columns: 0..<p.n, sharedB: shared.operand,
                         workspace: workspace)
            }
        }
    }

    /// `0..<count` cut into about `threads × piecesPerThread` ranges whose bounds are multiples
    /// of `width` (so pieces start on panel boundaries of a shared packed operand).
    static func split(_ count: Int, width: Int, threads: Int) -> [Range<Int>] {
        let panels = (count + width - 1) / width
        let pieces = max(1, min(panels, threads * piecesPerThread))
        return (0..<pieces).map { piece in
            let lower = panels * piece / pieces * width
            let upper = min(count, panels * (piece + 1) / pieces * width)
            return lower..<upper
        }
    }

    /// Packs all `lines` (rows of op(A) or columns of op(B)) of an operand for every depth
    /// block, in parallel; `pack(lines, depth, destination)` packs one group of panels.
    private static func packShared(
        lines: Int, width: Int, k: Int, kc: Int, threads: Int,
        pack: @Sendable (Range<Int>, Range<Int>, UnsafeMutablePointer<Float>) -> Void
    ) -> (operand: PackedOperand, buffer: PackingBuffer) {
        let padded = BlockSizes.roundUp(lines, to: width)
        let buffer = BufferPool.acquire(capacity: padded * k)
        let operand = PackedOperand(base: buffer.pointer, paddedLines: padded)
        // Tasks: (depth block, group of panels); groups of ~64 lines keep tasks ≥ a few µs.
        let group = BlockSizes.roundUp(64, to: width)
        let groups = (lines + group - 1) / group
        let depthBlocks = (k + kc - 1) / kc
        parallelFor(depthBlocks * groups, threads: threads) {} body: { task, _ in
            let pc = task / groups * kc, line = task % groups * group
            let depth = pc..<min(k, pc + kc)
            pack(line..<min(lines, line + group), depth,
                 operand.block(depth: pc, kc: depth.count, line: line))
        }
        return (operand, buffer)
    }

    /// Runs `body(task, state)` for every task in `0..<tasks` on `threads` threads; each thread
    /// makes its own `state` once and pulls task indices from a shared counter until none are left.
    static func parallelFor<State: ~Copyable>(
        _ tasks: Int, threads: Int, state makeState: @Sendable () -> State,
        body: @Sendable (Int, borrowing State) -> Void
    ) {
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(threads, tasks)) { _ in
            let state = makeState()
            while true {
                let task = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if task >= tasks { break }
                body(task, state)
            }
        }
    }
}
