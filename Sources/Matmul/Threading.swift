import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Multi-threaded products: one fork/join per product, C split in 2-D, work pulled dynamically
/// so that a thread whose core is busy simply takes less of it.
///
/// One `concurrentPerform` region, in two stages that every worker runs:
/// 1. The operand all pieces need (op(A) when C is split by columns, op(B) when split by rows)
///    is packed once, whole, into a ``PackedOperand``; its (depth block, panel group) tasks are
///    pulled from an atomic counter. A worker that finds no task left waits only for the tasks
///    still in flight (a few µs), yielding its core meanwhile.
/// 2. C is cut along the other dimension into several pieces per thread; workers pull pieces
///    and run the ordinary JC/PC/IC loop nest on each, packing only their piece of the other
///    operand into their own workspace.
/// There is no barrier per (jc, pc) block; waking a worker costs ~10–15 µs on Linux (measured),
/// so a product pays that once.
enum Threading {
    /// Below this many flops a product runs on one thread. Waking a second thread costs
    /// ~10–15 µs; measured 2 vs 1 threads on AVX-512: 128³ (21 µs on one core) ran 2× slower
    /// threaded, 256³ (160 µs) faster. 2·192³ ≈ 14 Mflop is ~65 µs on one core.
    static let minimumFlopsForThreads = 2.0 * 192 * 192 * 192

    /// Pieces per thread in stage 2: with 4, a thread running at half speed (its core shared)
    /// leaves the other at most about one piece (1/8 of the product) to wait for.
    static let piecesPerThread = 4

    /// Lines (rows of op(A) or columns of op(B)) per stage-1 packing task: ~64 lines × kc is
    /// tens of µs of copying, long enough to amortise the counter, short enough to balance.
    static let linesPerPackingTask = 64

    /// How many threads a product of this size should use, at most `cap`.
    static func threadCount(for problem: GEMMProblem, cap: Int) -> Int {
        threadCount(m: problem.m, n: problem.n, k: problem.k, cap: cap)
    }

    static func threadCount(m: Int, n: Int, k: Int, cap: Int) -> Int {
        guard cap > 1, 2 * Double(m) * Double(n) * Double(k) >= minimumFlopsForThreads else {
            return 1
        }
        // Each thread needs at least one 64-wide strip of C to own.
        return min(cap, max(1, max(m, n) / 64))
    }

    static func run(_ gemm: BlockedGEMM, threads: Int) {
        let p = gemm.problem, s = gemm.sizes, isa = gemm.kernel.isa
        // Split the longer side of C; the operand along the other side is shared.
        let byColumns = p.n >= p.m
        let sharedLines = byColumns ? p.m : p.n
        let width = byColumns ? s.mr : s.nr
        let padded = BlockSizes.roundUp(sharedLines, to: width)
        let buffer = BufferPool.acquire(capacity: padded * p.k)
        defer { BufferPool.release(buffer) }
        let shared = PackedOperand(base: buffer.pointer, paddedLines: padded)

        let group = BlockSizes.roundUp(linesPerPackingTask, to: width)
        let groups = (sharedLines + group - 1) / group
        let packingTasks = (p.k + s.kc - 1) / s.kc * groups
        let pieces = split(byColumns ? p.n : p.m, width: byColumns ? s.nr : s.mr, threads: threads)
        let largestPiece = pieces.map(\.count).max() ?? 0

        let nextPacking = Atomic<Int>(0), packed = Atomic<Int>(0), nextPiece = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            // Dispatch's pool threads are not ours to set up once, so each product sets them.
            Denormals.flushOnThisThread()
            // Stage 1: pack the shared operand.
            while case let task = nextPacking.wrappingAdd(1, ordering: .relaxed).oldValue,
                  task < packingTasks {
                let pc = task / groups * s.kc, line = task % groups * group
                let depth = pc..<min(p.k, pc + s.kc)
                let lines = line..<min(sharedLines, line + group)
                let destination = shared.block(depth: pc, kc: depth.count, line: line)
                if byColumns {
                    Packing.packA(p.a, rows: lines, depth: depth, mr: s.mr, isa: isa,
                                  into: destination)
                } else {
                    Packing.packB(p.b, depth: depth, columns: lines, nr: s.nr, isa: isa,
                                  into: destination)
                }
                packed.wrappingAdd(1, ordering: .releasing)
            }
            while packed.load(ordering: .acquiring) < packingTasks { sched_yield() }

            // Stage 2: the pieces of C.
            let workspace = Workspace(sizes: s, rows: byColumns ? 0 : largestPiece,
                                      columns: byColumns ? largestPiece : 0, depth: p.k)
            while case let piece = nextPiece.wrappingAdd(1, ordering: .relaxed).oldValue,
                  piece < pieces.count {
                if byColumns {
                    gemm.run(rows: 0..<p.m, columns: pieces[piece], sharedA: shared,
                             workspace: workspace)
                } else {
                    gemm.run(rows: pieces[piece], columns: 0..<p.n, sharedB: shared,
                             workspace: workspace)
                }
            }
        }
    }

    /// `0..<count` cut into about `threads × piecesPerThread` non-empty ranges whose bounds are
    /// multiples of `width` (so pieces start on panel boundaries of the shared packed operand).
    static func split(_ count: Int, width: Int, threads: Int) -> [Range<Int>] {
        let panels = (count + width - 1) / width
        let pieces = max(1, min(panels, threads * piecesPerThread))
        return (0..<pieces).map { piece in
            let lower = panels * piece / pieces * width
            let upper = min(count, panels * (piece + 1) / pieces * width)
            return lower..<upper
        }
    }
}
