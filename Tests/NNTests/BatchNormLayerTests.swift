import Testing
import Autodiff
@testable import NN

/// The batchnorm layer in a model: its moving statistics after training steps against a plain
/// loop of Keras's rule written here, its inference output against the formula, and the state
/// left alone by a step that is not taken.
struct BatchNormLayerTests {
    /// Rows of `features` values, deterministic and far from 0 mean and unit variance.
    static func rows(_ n: Int, _ width: Int, seed: UInt64) -> [Float] {
        var g = RandomGenerator(seed: seed)
        return (0..<(n * width)).map { i in 3 * g.nextFloat() + Float(i % width) - 1 }
    }

    static func model(input: [Int], momentum: Float, seed: UInt64 = 4) throws -> Sequential {
        var g = RandomGenerator(seed: seed)
        var layers: [Layer] = [.batchnorm(try BatchNorm(momentum: momentum, inputShape: input))]
        if input.count == 3 { layers.append(.flatten(try Flatten())) }
        layers.append(.dense(try Dense(units: 1)))
        var m = try Sequential(layers, using: &g)
        m.compilation = Compilation(optimizer: try .adam(lr: 0.05), loss: .mse)
        return m
    }

    /// Keras's moving averages, computed in Float64 from the batches in order: each channel's
    /// mean and biased variance over the batch's rows (and pixels), then
    /// moving ← momentum·moving + (1 − momentum)·batch, from moving_mean = 0, moving_var = 1.
    static func referenceMovingStatistics(
        _ x: [Float], rows n: Int, channels c: Int, pixels p: Int, batch: Int, epochs: Int, momentum: Double
    ) -> (mean: [Double], variance: [Double]) {
        var mean = [Double](repeating: 0, count: c), variance = [Double](repeating: 1, count: c)
        for _ in 0..<epochs {
            var start = 0
            while start < n {
                let stop = min(start + batch, n)
                for ch in 0..<c {
                    var values: [Double] = []
                    for r in start..<stop { for k in 0..<p { values.append(Double(x[(r * c + ch) * p + k])) } }
                    let mu = values.reduce(0, +) / Double(values.count)
                    let v = values.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(values.count)
                    mean[ch] = momentum * mean[ch] + (1 - momentum) * mu
                    variance[ch] = momentum * variance[ch] + (1 - momentum) * v
                }
                start = stop
            }
        }
        return (mean, variance)
    }

    static func moving(_ m: Sequential) -> (mean: [Float], variance: [Float]) {
        let named = Dictionary(uniqueKeysWithValues: m.namedParameters.map { ($0.name, $0.value.scalars) })
        return (named["batchnorm_0.moving_mean"] ?? [], named["batchnorm_0.moving_var"] ?? [])
    }

    /// 10 rows in batches of 4 (4, 4, 2) for 3 epochs: 9 steps, unshuffled so the test knows
    /// each batch; features `[n, 3]` and images `[n, 2, 2, 3]`.
    @Test(arguments: [[3], [2, 2, 3]], [0.9, 0.99])
    func movingStatisticsFollowKerasRule(input: [Int], momentum: Float) throws {
        let n = 10, width = input.reduce(1, *)
        let values = Self.rows(n, width, seed: 7)
        let x = try Tensor(shape: [n] + input, scalars: values)
        let y = try Tensor(shape: [n], scalars: (0..<n).map { Float($0 % 3) })
        var m = try Self.model(input: input, momentum: momentum)
        var g = RandomGenerator(seed: 1)
        #expect(try m.fit(x: x, y: y, options: FitOptions(epochs: 3, batchSize: 4, shuffle: false), generator: &g) == .completed)
        let expected = Self.referenceMovingStatistics(values, rows: n, channels: input[0], pixels: width / input[0],
                                                      batch: 4, epochs: 3, momentum: Double(momentum))
        let (mean, variance) = Self.moving(m)
        expectClose(mean, expected.mean.map(Float.init), tolerance: 1e-5)
        expectClose(variance, expected.variance.map(Float.init), tolerance: 1e-5)
        // The optimizer stepped γ and β only: the statistics are exactly the rule's, not moved by Adam.
        #expect(m.trainableParameters.count == 4 && m.parameters.count == 6)
    }

    /// `train_step` updates them as `fit` does: one step on all rows.
    @Test func trainStepUpdatesTheMovingStatistics() throws {
        let values = Self.rows(6, 3, seed: 2)
        let x = try Tensor(shape: [6, 3], scalars: values), y = try Tensor(shape: [6], scalars: [0, 1, 2, 0, 1, 2])
        var m = try Self.model(input: [3], momentum: 0.9)
        var g = RandomGenerator(seed: 1)
        _ = try m.trainStep(x: x, y: y, generator: &g)
        let expected = Self.referenceMovingStatistics(values, rows: 6, channels: 3, pixels: 1, batch: 6, epochs: 1, momentum: 0.9)
        expectClose(Self.moving(m).mean, expected.mean.map(Float.init))
        expectClose(Self.moving(m).variance, expected.variance.map(Float.init))
    }

    /// Inference (predict, model(x), evaluate) normalizes by the moving statistics:
    /// y = (x − moving_mean)·γ/√(moving_var + ε) + β, here with a dense layer of W = 1, b = 0
    /// after it for features, and each output checked against that formula computed here.
    @Test(arguments: [[3], [2, 2, 2]])
    func inferenceUsesTheMovingStatistics(input: [Int]) throws {
        var m = try Self.model(input: input, momentum: 0.99)
        let c = input[0], width = input.reduce(1, *), pixels = width / c
        let gamma: [Float] = (0..<c).map { 0.5 + Float($0) }, beta: [Float] = (0..<c).map { Float($0) - 0.25 }
        let mean: [Float] = (0..<c).map { 0.3 * Float($0) + 0.1 }, variance: [Float] = (0..<c).map { 2 + Float($0) }
        try m.setParameterValues([Tensor(gamma), Tensor(beta), Tensor(mean), Tensor(variance),
                                  try Tensor(shape: [width, 1], repeating: 1), Tensor([0])])
        let n = 3, values = Self.rows(n, width, seed: 9)
        let x = try Tensor(shape: [n] + input, scalars: values)
        let eps = Double(BatchNorm.defaultEps)
        let expected: [Float] = (0..<n).map { r in
            var sum = 0.0
            for ch in 0..<c {
                for k in 0..<pixels {
                    let v = Double(values[(r * c + ch) * pixels + k])
                    sum += (v - Double(mean[ch])) * Double(gamma[ch]) / (Double(variance[ch]) + eps).squareRoot() + Double(beta[ch])
                }
            }
            return Float(sum)
        }
        expectClose(try m.predict(x).scalars, expected)
        // One sample of features, without the batch axis, is the first row's.
        if input.count == 1 {
            expectClose(try m.predict(try Tensor(shape: input, scalars: Array(values[0..<width]))).scalars, [expected[0]])
        }
        var g = RandomGenerator(seed: 0)
        expectClose(try m.forward(x, generator: &g).scalars, expected)
        let targets = try Tensor(shape: [n], scalars: [0, 0, 0])
        let mse = expected.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(n)
        let evaluated = try m.evaluate(x: x, y: targets)
        #expect(abs(evaluated[0].value - mse) <= 1e-5 * (1 + mse))
        // And nothing at inference changed the state.
        #expect(Self.moving(m).mean == mean && Self.moving(m).variance == variance)
    }

    /// A fit's validation is inference: its val_loss is `evaluate`'s with the moving statistics
    /// the epoch ended with (the held-out rows' own statistics would give another value).
    @Test func validationInAFitUsesTheMovingStatistics() throws {
        let x = try Tensor(shape: [12, 3], scalars: Self.rows(12, 3, seed: 6))
        let y = try Tensor(shape: [12], scalars: (0..<12).map { Float($0 % 4) })
        let heldOut = (x: try x.slice([.range(start: 8, stop: 12, step: nil)]), y: try y.slice([.range(start: 8, stop: 12, step: nil)]))
        var m = try Self.model(input: [3], momentum: 0.5)
        var g = RandomGenerator(seed: 1)
        _ = try m.fit(x: x, y: y, validation: heldOut, options: FitOptions(epochs: 1, batchSize: 4), generator: &g)
        let recorded = try #require(m.history.values("val_loss")?.last)
        #expect(recorded == (try m.evaluate(x: heldOut.x, y: heldOut.y)[0].value))
        let (batchLoss, _) = try m.lossGraph(x: heldOut.x, y: heldOut.y, training: true, generator: &g)
        #expect(abs(Double(batchLoss.scalar ?? 0) - recorded) > 1e-3, "batch statistics give another loss")
    }

    /// A fit whose second step has a non-finite loss keeps the state of the first step only;
    /// a train_step whose loss is not finite changes nothing.
    @Test func aStepNotTakenChangesNoState() throws {
        let values = Self.rows(8, 3, seed: 5)
        let x = try Tensor(shape: [8, 3], scalars: values)
        let y = try Tensor(shape: [8], scalars: [0, 1, 0, 1, 3e38, 3e38, 3e38, 3e38])  // (ŷ − 3e38)² overflows
        var m = try Self.model(input: [3], momentum: 0.9)
        var g = RandomGenerator(seed: 1)
        let outcome = try m.fit(x: x, y: y, options: FitOptions(epochs: 1, batchSize: 4, shuffle: false), generator: &g)
        guard case .nonFinite(_, let step, _) = outcome else { Issue.record("expected a non-finite stop, got \(outcome)"); return }
        #expect(step == 2)
        let afterOne = Self.referenceMovingStatistics(values, rows: 4, channels: 3, pixels: 1, batch: 4, epochs: 1, momentum: 0.9)
        expectClose(Self.moving(m).mean, afterOne.mean.map(Float.init))
        expectClose(Self.moving(m).variance, afterOne.variance.map(Float.init))

        var fresh = try Self.model(input: [3], momentum: 0.9)
        let lastRows = try x.slice([.range(start: 4, stop: 8, step: nil)]), lastY = try y.slice([.range(start: 4, stop: 8, step: nil)])
        #expect(throws: NNError.self) { try fresh.trainStep(x: lastRows, y: lastY, generator: &g) }
        #expect(Self.moving(fresh).mean == [0, 0, 0] && Self.moving(fresh).variance == [1, 1, 1])
    }

    /// A batch of one row of features would be normalized to β: the fit is refused before any
    /// step, with a batch size that works; images of more than one pixel are fine.
    @Test func aSingleRowBatchIsRefusedBeforeTraining() throws {
        let x = try Tensor(shape: [9, 3], scalars: Self.rows(9, 3, seed: 1)), y = try Tensor(shape: [9], repeating: 1)
        var m = try Self.model(input: [3], momentum: 0.9)
        let before = m.parameters.map(\.scalars)
        var g = RandomGenerator(seed: 1)
        do {
            _ = try m.fit(x: x, y: y, options: FitOptions(epochs: 1, batchSize: 4), generator: &g)
            Issue.record("9 rows in batches of 4 leave one row")
        } catch {
            #expect("\(error)".contains("batchnorm_0") && "\(error)".contains("batch=5"), "\(error)")
        }
        #expect(m.parameters.map(\.scalars) == before)
        var images = try Self.model(input: [1, 2, 2], momentum: 0.9)
        let xi = try Tensor(shape: [9, 1, 2, 2], scalars: Self.rows(9, 4, seed: 1))
        #expect(try images.fit(x: xi, y: y, options: FitOptions(epochs: 1, batchSize: 4), generator: &g) == .completed)
    }

    /// ‖Δθ‖/‖θ‖ of the last step sits beside the param it belongs to: none for the moving
    /// statistics, and γ's is γ's own change.
    @Test func updateRatiosPairWithTheirParams() throws {
        let x = try Tensor(shape: [6, 3], scalars: Self.rows(6, 3, seed: 3)), y = try Tensor(shape: [6], scalars: [0, 1, 2, 0, 1, 2])
        var m = try Self.model(input: [3], momentum: 0.9)
        let gammaBefore = m.namedParameters[0].value.scalars
        var g = RandomGenerator(seed: 1)
        _ = try m.trainStep(x: x, y: y, generator: &g)
        let names = m.namedParameters.map(\.name), ratios = m.updateRatiosByParameter
        #expect(names == ["batchnorm_0.gamma", "batchnorm_0.beta", "batchnorm_0.moving_mean", "batchnorm_0.moving_var",
                          "dense_0.W", "dense_0.b"])
        #expect(m.trainableFlags == [true, true, false, false, true, true])
        #expect(ratios.map { $0 == nil } == [false, false, true, true, false, false])
        let gammaAfter = m.namedParameters[0].value.scalars
        let delta = zip(gammaAfter, gammaBefore).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }.squareRoot()
        let norm = gammaBefore.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        #expect(abs((ratios[0] ?? 0) - delta / norm) < 1e-9)
    }

    /// The graph-free dense step is for dense layers only: a σ-classifier with a batchnorm
    /// trains through the graph, so its moving statistics are updated at every step.
    @Test func theDenseStepDeclinesANormalizedModel() throws {
        var g = RandomGenerator(seed: 2)
        var m = try Sequential([.dense(try Dense(units: 4, activation: .relu, inputSize: 3)),
                                .batchnorm(try BatchNorm()), .dense(try Dense(units: 1, activation: .sigmoid))], using: &g)
        m.compilation = Compilation(optimizer: try .adam(lr: 0.01), loss: .bce)
        #expect(DenseTrainingStep.make(for: m, batchSize: 4) == nil)
        var plain = try Sequential([.dense(try Dense(units: 4, activation: .relu, inputSize: 3)),
                                    .dense(try Dense(units: 1, activation: .sigmoid))], using: &g)
        plain.compilation = m.compilation
        #expect(DenseTrainingStep.make(for: plain, batchSize: 4) != nil)
    }

    /// Early stopping's restore puts back the best epoch's moving statistics with its params.
    @Test func restoringTheBestEpochRestoresTheMovingStatistics() throws {
        final class Recorder: TrainingObserver {
            var best: [[Float]] = []
            func stepEnded(_ progress: TrainingProgress) {}
            func epochEnded(_ progress: TrainingProgress) {}
            var shouldStop: Bool { false }
            func improved(epoch: Int, monitor: String, value: Double, model: Sequential) {
                if epoch == 1 { best = model.parameters.map(\.scalars) }  // the epoch early stopping keeps
            }
        }
        let x = try Tensor(shape: [12, 3], scalars: Self.rows(12, 3, seed: 8)), y = try Tensor(shape: [12], repeating: 1)
        var m = try Self.model(input: [3], momentum: 0.5)
        var options = FitOptions(epochs: 5, batchSize: 4, shuffle: true)
        options.earlyStopping = EarlyStopping(patience: 1, minDelta: 1e9)  // nothing improves on epoch 1
        options.reportsImprovements = true
        let recorder = Recorder()
        var g = RandomGenerator(seed: 3)
        let outcome = try m.fit(x: x, y: y, options: options, generator: &g, observer: recorder)
        guard case .earlyStopped(let stop) = outcome else { Issue.record("expected an early stop, got \(outcome)"); return }
        #expect(stop.bestEpoch == 1 && stop.restored)
        #expect(m.parameters.map(\.scalars) == recorder.best)
        #expect(Self.moving(m).mean != [0, 0, 0], "the restored statistics are epoch 1's, not the initial ones")
    }
}
