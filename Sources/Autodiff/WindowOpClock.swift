import Matmul
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Time spent inside the convolution and pooling ops, forward and backward, and the FLOPs of
/// the convolutions' matrix products: what `gradbook bench cnn` reports as the conv layers'
/// share of a training step and their GFLOP/s.
///
/// The time is the calling thread's CPU time, not the wall clock's: on a loaded machine the
/// shares stay those of the work, whoever else holds the core. Off unless a benchmark turns it
/// on: each op then pays one relaxed atomic load. On, it counts the ops of the thread that
/// started it (so that ops on other threads — tests running beside a test of the clock — do not
/// add to its totals); it reads the thread's CPU clock twice per op call, a system call of
/// 0.2–1.5 µs, and takes a lock once.
public enum WindowOpClock {
    /// What one timed call computed.
    public enum Phase: Int, CaseIterable, Sendable {
        case convolutionForward, convolutionBackward, poolingForward, poolingBackward
    }

    /// The totals of one phase since `start`.
    public struct Totals: Sendable, Equatable {
        public var seconds: Double = 0
        /// Floating-point operations of the matrix products, 2 per multiply-add (pooling counts none).
        public var flops: Int = 0
        public var calls: Int = 0

        /// FLOPs per second, in billions (0 when nothing was timed).
        public var gigaflopsPerSecond: Double { seconds > 0 ? Double(flops) / seconds * 1e-9 : 0 }
    }

    /// The thread counted, as `pthread_self()`'s bits; 0 when the clock is off.
    private static let owner = Atomic<UInt>(0)
    private static let totals = Mutex<[Totals]>(Array(repeating: Totals(), count: Phase.allCases.count))

    /// Clears the totals and starts counting the ops this thread runs.
    public static func start() {
        totals.withLock { $0 = Array(repeating: Totals(), count: Phase.allCases.count) }
        owner.store(currentThread, ordering: .releasing)
    }

    /// Stops counting; the totals of each phase since `start`.
    public static func stop() -> [Phase: Totals] {
        owner.store(0, ordering: .releasing)
        let all = totals.withLock { $0 }
        return Dictionary(uniqueKeysWithValues: Phase.allCases.map { ($0, all[$0.rawValue]) })
    }

    /// Runs `body`, adding its duration and `flops` to `phase`'s totals when the clock is running.
    @inline(__always)
    static func timing<R, E: Error>(_ phase: Phase, flops: @autoclosure () -> Int = 0,
                                    _ body: () throws(E) -> R) throws(E) -> R {
        let counted = owner.load(ordering: .relaxed)
        guard counted != 0, counted == currentThread else { return try body() }
        let start = ProcessClock.threadCPUNanoseconds()
        let result = try body()
        let elapsed = ProcessClock.threadCPUNanoseconds() &- start
        let work = flops()
        totals.withLock {
            $0[phase.rawValue].seconds += Double(elapsed) * 1e-9
            $0[phase.rawValue].flops += work
            $0[phase.rawValue].calls += 1
        }
        return result
    }

    /// The calling thread, never 0 (`pthread_self()` is the address of the thread's record).
    private static var currentThread: UInt {
        #if canImport(Darwin)
        UInt(bitPattern: pthread_self())
        #else
        UInt(pthread_self())
        #endif
    }
}
