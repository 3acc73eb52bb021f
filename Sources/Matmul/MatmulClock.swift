import Synchronization

/// Time spent inside ``sgemm(_:_:m:n:k:a:lda:b:ldb:c:ldc:accumulate:)``, for benchmarks that
/// report what share of a training step is matrix multiplication (`gradbook bench train`).
///
/// Off unless a benchmark turns it on: `sgemm` then pays one relaxed atomic load. On, it reads
/// the monotonic clock twice per product (~40 ns, under 1% of a seed-model step's nine products).
public enum MatmulClock {
    private static let running = Atomic<Bool>(false)
    private static let nanoseconds = Atomic<UInt64>(0)
    private static let products = Atomic<Int>(0)

    /// Clears the totals and starts counting.
    public static func start() {
        nanoseconds.store(0, ordering: .relaxed)
        products.store(0, ordering: .relaxed)
        running.store(true, ordering: .releasing)
    }

    /// Stops counting; the seconds spent in `sgemm` and the number of products since `start`.
    public static func stop() -> (seconds: Double, products: Int) {
        running.store(false, ordering: .releasing)
        return (Double(nanoseconds.load(ordering: .relaxed)) * 1e-9, products.load(ordering: .relaxed))
    }

    /// Runs `body`, adding its duration to the totals when the clock is running.
    @inline(__always)
    static func timing<R>(_ body: () -> R) -> R {
        guard running.load(ordering: .relaxed) else { return body() }
        let start = ProcessClock.wallNanoseconds()
        let result = body()
        nanoseconds.add(ProcessClock.wallNanoseconds() &- start, ordering: .relaxed)
        products.add(1, ordering: .relaxed)
        return result
    }
}
