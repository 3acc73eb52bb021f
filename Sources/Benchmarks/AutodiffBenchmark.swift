import Autodiff
import Matmul

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
            let start = ProcessClock.wall()
            let x = Tensor(0.5).param()
            var a = x
            for _ in 0..<(ops / 4) {
                a = try ((a * c + x).relu()) * decay
            }
            let mid = ProcessClock.wall()
            try a.backward()
            gradient = x.grad?.scalar ?? .nan
            times.append(ProcessClock.wall() - start)
            forwardTimes.append(mid - start)
        }
        return Result(ops: ops / 4 * 4, seconds: times.median, forwardSeconds: forwardTimes.median,
                      gradient: gradient)
    }
}
