import CMatmulKernels
import Matmul

/// One product the benchmark times: `C = op(A)·op(B)`, op(A) m×k, op(B) k×n.
public struct MatmulBenchmarkShape: Sendable, Hashable {
    /// A short stable key (`square1024`, `fwd1`, …) for JSON and `--shape`.
    public let name: String
    public let m: Int, n: Int, k: Int
    public let transA: Transposition, transB: Transposition

    public var flops: Double { 2 * Double(m) * Double(n) * Double(k) }

    /// The product as written in the brief: `(32×128)·(128×128)ᵀ`, `(10×32)·(32×128)` as Aᵀ·B.
    public var formula: String {
        let left = transA == .none ? "(\(m)×\(k))" : "(\(k)×\(m))ᵀ"
        let right = transB == .none ? "(\(k)×\(n))" : "(\(n)×\(k))ᵀ"
        return left + "·" + right
    }
}

/// The timing of one shape: medians over samples, each sample a batch of calls long enough for
/// the clock (µs-sized products run thousands of times per sample).
public struct MatmulBenchmarkResult: Sendable {
    public let shape: MatmulBenchmarkShape
    public let isa: MatmulISA
    /// The fewest and the most threads a call used (they differ when the load changed).
    public let threads: Int, maximumThreads: Int
    /// Calls per sample, and samples.
    public let repetitions: Int, samples: Int
    /// Median wall-clock and process-CPU seconds per call.
    public let wallSeconds: Double, cpuSeconds: Double

    public var gflopsWall: Double { shape.flops / wallSeconds / 1e9 }
    /// Per CPU-second, all threads together: equals `gflopsWall` on one thread, and shows the
    /// efficiency per core on two.
    public var gflopsCPU: Double { shape.flops / cpuSeconds / 1e9 }
}

/// `gradbook bench matmul`: times ``sgemm(_:_:m:n:k:a:lda:b:ldb:c:ldc:accumulate:)`` on square
/// sizes and on the seed model's training shapes, and measures the FMA peak to compare with.
public enum MatmulBenchmark {
    /// Square n = 64 … 2048, then the seed model's shapes (batch 32, 10 → 128 → 128 → 1).
    public static let shapes: [MatmulBenchmarkShape] =
        [64, 128, 256, 512, 1024, 2048].map {
            MatmulBenchmarkShape(name: "square\($0)", m: $0, n: $0, k: $0,
                                 transA: .none, transB: .none)
        } + [
            MatmulBenchmarkShape(name: "fwd1", m: 32, n: 128, k: 10, transA: .none, transB: .none),
            MatmulBenchmarkShape(name: "fwd2", m: 32, n: 128, k: 128, transA: .none, transB: .none),
            MatmulBenchmarkShape(name: "fwd3", m: 32, n: 1, k: 128, transA: .none, transB: .none),
            // ∂L/∂W1 = xᵀ·δ: x stored 32×10.
            MatmulBenchmarkShape(name: "bwd_w1", m: 10, n: 128, k: 32, transA: .transposed,
                                 transB: .none),
            // ∂L/∂h = δ·W2ᵀ: W2 stored 128×128.
            MatmulBenchmarkShape(name: "bwd_h", m: 32, n: 128, k: 128, transA: .none,
                                 transB: .transposed),
        ]

    /// Times `shape`: `samples` samples of at least `sampleSeconds` each, after a warm-up.
    ///
    /// `threads` caps the threads as `GRADBOOK_THREADS` does; with `adaptToLoad` (what every
    /// product does) a product leaves cores that other processes use alone, and without it the
    /// thread count depends on the size alone (to compare with a BLAS on idle cores).
    public static func measure(
        _ shape: MatmulBenchmarkShape, isa: MatmulISA, threads: Int, adaptToLoad: Bool = true,
        samples: Int = 9, sampleSeconds: Double = 0.01
    ) -> MatmulBenchmarkResult {
        var random = UInt64(0x2545_F491_4F6C_DD1D)
        func operand(_ count: Int) -> [Float] {
            (0..<count).map { _ in
                random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Float(random >> 40) / Float(1 << 24) - 0.5
            }
        }
        let a = operand(shape.m * shape.k), b = operand(shape.k * shape.n)
        var c = [Float](repeating: 0, count: shape.m * shape.n)
        let lda = shape.transA == .none ? shape.k : shape.m
        let ldb = shape.transB == .none ? shape.n : shape.k
        let isa = MatmulISA.resolve(isa)
        var fewestThreads = Int.max, mostThreads = 1
        let wall: [Double], cpu: [Double], repetitions: Int
        (wall, cpu, repetitions) = a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    let call = {
                        let used = sgemm(
                            shape.transA, shape.transB, m: shape.m, n: shape.n, k: shape.k,
                            a: a.baseAddress!, lda: lda, b: b.baseAddress!, ldb: ldb,
                            c: c.baseAddress!, ldc: shape.n, accumulate: false, isa: isa,
                            threads: threads, adaptToLoad: adaptToLoad)
                        fewestThreads = min(fewestThreads, used)
                        mostThreads = max(mostThreads, used)
                    }
                    return timeSamples(call, samples: samples, sampleSeconds: sampleSeconds)
                }
            }
        }
        return MatmulBenchmarkResult(
            shape: shape, isa: isa,
            threads: min(fewestThreads, mostThreads), maximumThreads: mostThreads,
            repetitions: repetitions, samples: samples,
            wallSeconds: wall.median, cpuSeconds: cpu.median)
    }

    /// Single-core FP32 FMA throughput in GFLOP/s (median of `samples`), or nil when the CPU
    /// lacks the ISA (the portable kernel has no FMA peak to speak of).
    public static func fmaPeakGFLOPS(isa: MatmulISA, samples: Int = 7) -> Double? {
        guard isa != .baseline, isa.isSupported else { return nil }
        var sink: Float = 0
        var flops = 0.0
        let iterations = 2_000_000  // ~10 ms at 2 FMAs per cycle
        let (wall, _, _) = timeSamples({
            flops = isa == .avx512 ? gb_fma_peak_avx512(iterations, &sink)
                                   : gb_fma_peak_avx2(iterations, &sink)
        }, samples: samples, sampleSeconds: 0)
        return flops / wall.median / 1e9
    }

    /// Seconds per call of `body`, wall and CPU, for each sample; and the calls per sample.
    private static func timeSamples(
        _ body: () -> Void, samples: Int, sampleSeconds: Double
    ) -> (wall: [Double], cpu: [Double], repetitions: Int) {
        body()  // warm-up: page in the operands, fill the buffer pool
        let once = ProcessClock.wall()
        body()
        let single = max(ProcessClock.wall() - once, 1e-9)
        let repetitions = max(1, Int((sampleSeconds / single).rounded(.up)))
        var wall: [Double] = [], cpu: [Double] = []
        for _ in 0..<max(1, samples) {
            let (w0, c0) = (ProcessClock.wall(), ProcessClock.cpu())
            for _ in 0..<repetitions { body() }
            let (w1, c1) = (ProcessClock.wall(), ProcessClock.cpu())
            wall.append((w1 - w0) / Double(repetitions))
            cpu.append((c1 - c0) / Double(repetitions))
        }
        return (wall, cpu, repetitions)
    }
}
