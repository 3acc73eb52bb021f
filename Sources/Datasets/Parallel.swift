#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Runs independent pieces of work on the machine's cores (the CSV loader's chunks).
enum Parallel {
    /// The number of cores online (at least 1).
    static var coreCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// How many pieces to cut parallel work into: a few per core, so that when another program
    /// holds a core, the threads that run take the pieces the stalled one has not started
    /// (with one piece per core, the whole load waits for the slowest thread).
    static var pieceCount: Int { 4 * coreCount }

    /// Calls `body(i)` for every i in `0..<count`, concurrently when count > 1, and returns when
    /// all calls have. The caller promises that the calls touch disjoint memory — that is what
    /// makes handing a non-Sendable closure to other threads sound here.
    static func forEach(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: count) { i in body(i) }
        }
    }
}
