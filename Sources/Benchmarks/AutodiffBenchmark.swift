#if canImport(Glibc)
import Glibc
#endif
import Autodiff

/// `gradbook bench autodiff`: the per-op cost of the engine on a graph of scalars, the same
/// graph bench/autodiff_vs_micrograd.py builds in micrograd and PyTorch.
///
/// The graph: a ← x; then n/4 times a ← relu(a·c + x)·0.999 (four ops: mul, add, relu, mul),
/// with x a param and c = 1.0001; then backward from a. Forward and backward are timed together.
public enum AutodiffBenchmark {
    public struct Result: Sendable {
        public let ops: Int
        /// Median seconds for one forward + backward of the whole graph.
        public let seconds: Double
        /// Median seconds of the forward pass alone (building the graph).
        public let forwardSeconds: Double
        /// The gradient ∂a/∂x, so the three implementations can be checked against each other.
        public let gradient: Float
    }

    public static func scalarChain(ops: Int = 10_000, repetitions: Int = 21) throws(TensorError) -> Result {
        var times: [Double] = [], forwardTimes: [Double] = []
        var gradient: Float = 0
        let c = Tensor(1.0001), decay = Tensor(0.999)
        for _ in 0..<repetitions {
            let start = now()
            let x = Tensor(0.5).param()
            var a = x
            for _ in 0..<(ops / 4) {
                a = try ((a * c + x).relu()) * decay
            }
            let mid = now()
            try a.backward()
            gradient = x.grad?.scalar ?? .nan
            times.append(now() - start)
            forwardTimes.append(mid - start)
        }
        times.sort()
        forwardTimes.sort()
        return Result(ops: ops / 4 * 4, seconds: times[times.count / 2],
                      forwardSeconds: forwardTimes[forwardTimes.count / 2], gradient: gradient)
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
