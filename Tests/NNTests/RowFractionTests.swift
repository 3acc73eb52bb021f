import Testing
import Autodiff
@testable import NN
@testable import Datasets

/// ⌊n·f⌋ rows from the decimal as written, for `split` and `fit … validation=`: the binary
/// float32 of 0.7 is 0.699999988, and ⌊10 × 0.699999988⌋ is 6, not the 7 that 0.7 means.
struct RowFractionTests {
    /// The rows of a dataset of n rows: x = [i], y = i.
    private func rows(_ n: Int) throws -> Dataset {
        try Dataset(x: try Tensor(shape: [n, 1], scalars: (0..<n).map(Float.init)), y: Tensor((0..<n).map(Float.init)))
    }

    /// Each product checked against the decimal by hand (n·s / 10ᵏ in whole numbers).
    @Test func floorOfTheWrittenDecimal() throws {
        let cases: [(n: Int, f: Double, floor: Int, ceiling: Int)] = [
            (10, 0.7, 7, 7), (100, 0.29, 29, 29), (120, 0.2, 24, 24), (10, 0.25, 2, 3),
            (3, 0.1, 0, 1), (1000, 0.001, 1, 1), (100_000, 1e-05, 1, 1), (7, 0.5, 3, 4),
            (1_000_000_007, 0.3, 300_000_002, 300_000_003), (Int.max, 0.5, Int.max / 2, Int.max / 2 + 1),
            (5, 1.5e-30, 0, 1), (0, 0.7, 0, 0),
        ]
        for c in cases {
            let f = try #require(DecimalFraction(c.f))
            #expect(f.floorTimes(c.n) == c.floor, "⌊\(c.n) × \(c.f)⌋")
            #expect(f.ceilingTimes(c.n) == c.ceiling, "⌈\(c.n) × \(c.f)⌉")
        }
        #expect(DecimalFraction(0.7) == DecimalFraction(Double(Float(0.7))))  // the float32 the language holds
        #expect(DecimalFraction(0.29)?.significand == 29 && DecimalFraction(0.29)?.scale == 2)
        for bad in [-0.1, 1, 2, .nan, .infinity] { #expect(DecimalFraction(bad) == nil) }
    }

    @Test func splitTakesTheFloorOfTheDecimal() throws {
        #expect(try rows(10).split(.fraction(Double(Float(0.7))), seed: 1).first.count == 7)
        #expect(try rows(100).split(.fraction(Double(Float(0.29))), seed: 1).first.count == 29)
        #expect(try rows(100).split(.fraction(0.29), seed: 1).second.count == 71)
        #expect(try rows(10).split(.fraction(1), seed: 1).first.count == 10)
    }

    /// Counts the steps of an epoch (batch = 1, so steps = training rows).
    private final class StepCounter: TrainingObserver {
        var steps = 0
        func stepEnded(_ progress: TrainingProgress) { steps = progress.steps }
        func epochEnded(_ progress: TrainingProgress) {}
        var shouldStop: Bool { false }
    }

    /// 120 rows with validation=0.2: ⌊120 × 0.8⌋ = 96 train (Keras's cut), the last 24 validate.
    @Test func validationFractionCutsTheDecimal() throws {
        for (n, f, train) in [(120, 0.2, 96), (10, 0.3, 7), (100, 0.29, 71), (10, 0.25, 7)] {
            var g = RandomGenerator(seed: 1)
            var model = try Sequential([.dense(try Dense(units: 1, inputSize: 1))], using: &g)
            model.compilation = Compilation(optimizer: try .sgd(lr: 0.01), loss: .mse, metrics: [])
            let data = try rows(n), counter = StepCounter()
            _ = try model.fit(x: data.x, y: data.y, options: FitOptions(batchSize: 1, validationFraction: Double(Float(f))),
                              generator: &g, observer: counter)
            #expect(counter.steps == train, "\(n) rows, validation=\(f)")
        }
    }
}
