import Testing
@testable import Autodiff
@testable import NN
@testable import Benchmarks

struct ModelTests {
    @Test func seedModelHas18049Params() throws {
        let model = try TrainingBenchmark.seedModel(seed: 0)
        #expect(model.parameterCount == 18049)
        #expect(model.namedParameters.map(\.name) == ["dense_0.W", "dense_0.b", "dense_1.W", "dense_1.b", "dense_2.W", "dense_2.b"])
        #expect(model.namedParameters.map(\.value.shape) == [[10, 128], [128], [128, 128], [128], [128, 1], [1]])
        #expect(model.layerOutputSizes == [128, 128, 1])
    }

    @Test func glorotKernelsAreWithinTheirLimitAndBiasesZero() throws {
        let model = try TrainingBenchmark.seedModel(seed: 3)
        let w = model.namedParameters[2].value
        let limit = Float((6.0 / 256.0).squareRoot())
        #expect(w.scalars.allSatisfy { Swift.abs($0) <= limit })
        #expect(w.scalars.map { Swift.abs($0) }.max()! > limit * 0.9)
        #expect(model.namedParameters[1].value.scalars.allSatisfy { $0 == 0 })
    }

    @Test func sameSeedSameWeights() throws {
        let a = try TrainingBenchmark.seedModel(seed: 5), b = try TrainingBenchmark.seedModel(seed: 5)
        #expect(a.parameters.map(\.scalars) == b.parameters.map(\.scalars))
    }

    @Test func mismatchedLayerNamesBothShapes() throws {
        var g = RandomGenerator(seed: 0)
        #expect(throws: NNError.layerShapeMismatch(layer: "dense_1", expected: [nil, 32], got: [nil, 64])) {
            _ = try Sequential([.dense(try Dense(units: 64, inputSize: 10)), .dense(try Dense(units: 3, inputSize: 32))], using: &g)
        }
        #expect(throws: NNError.unknownInputSize(layer: "dense_0")) {
            _ = try Sequential([.dense(try Dense(units: 4))], using: &g)
        }
        #expect(throws: NNError.self) { _ = try Dense(units: 0) }
        #expect(throws: NNError.self) { _ = try Dropout(rate: 1) }
    }

    @Test func wrongInputWidthIsAnError() throws {
        let model = try TrainingBenchmark.seedModel(seed: 0)
        #expect(throws: NNError.dataShapeMismatch(expected: [nil, 10], got: [4, 3])) {
            _ = try model.predict(try Tensor.zeros([4, 3]))
        }
    }

    @Test func fitReducesTheLossAndRecordsHistory() throws {
        var g = RandomGenerator(seed: 1)
        let x = try Tensor.normal([256, 10], using: &g)
        let w = try Tensor.normal([10, 1], using: &g)
        let y = try Tensor.matmul(x, w).map { $0 > 0 ? 1 : 0 }.reshaped([-1])
        var model = try TrainingBenchmark.seedModel(seed: 2)
        let before = try model.evaluate(x: x, y: y)[0].value
        let outcome = try model.fit(x: x, y: y, options: FitOptions(epochs: 5, batchSize: 32), generator: &g)
        #expect(outcome == .completed)
        let after = try model.evaluate(x: x, y: y)
        #expect(after[0].value < before * 0.7)
        #expect(model.history.epochs == 5)
        #expect(model.history.values("loss")?.count == 5)
        #expect(model.history.values("accuracy")!.last! > 0.85)
    }

    @Test func validationFractionAddsValSeries() throws {
        var g = RandomGenerator(seed: 1)
        let x = try Tensor.normal([100, 10], using: &g)
        let y = try x.map { $0 > 0 ? 1 : 0 }.slice([.all, .at(0)])
        var model = try TrainingBenchmark.seedModel(seed: 2)
        _ = try model.fit(x: x, y: y, options: FitOptions(epochs: 2, validationFraction: 0.2), generator: &g)
        #expect(model.history.series.map(\.name) == ["loss", "accuracy", "val_loss", "val_accuracy"])
    }

    /// Training stops at a non-finite loss, names where it appeared, and keeps the last
    /// finite params: inputs of 1e20 make a linear model's squared error overflow float32.
    @Test func nonFiniteLossStopsWithDiagnosis() throws {
        var g = RandomGenerator(seed: 1)
        let x = try Tensor.normal([64, 4], using: &g) * 1e20
        let y = try Tensor.ones([64])
        var model = try Sequential([.dense(try Dense(units: 1, inputSize: 4))], using: &g)
        model.compilation = Compilation(optimizer: try .sgd(lr: 0.1), loss: .mse, metrics: [])
        let before = model.parameters.map(\.scalars)
        let outcome = try model.fit(x: x, y: y, options: FitOptions(epochs: 3), generator: &g)
        guard case .nonFinite(let epoch, let step, let report) = outcome else {
            Issue.record("expected a non-finite stop, got \(outcome)")
            return
        }
        #expect(epoch == 1 && step == 1)
        #expect(report?.op == "mse")
        #expect(report?.phase == .forward)
        #expect(model.parameters.map(\.scalars) == before)
    }

    /// A learning rate far too large blows the params up after one finite step; the next
    /// loss is infinite and training keeps the params of that last finite step.
    @Test func explodingParamsStopAtTheLastFiniteStep() throws {
        var g = RandomGenerator(seed: 1)
        let x = try Tensor.normal([64, 4], using: &g)
        let y = try Tensor.normal([64], using: &g)
        var model = try Sequential([.dense(try Dense(units: 1, inputSize: 4))], using: &g)
        model.compilation = Compilation(optimizer: try .sgd(lr: 1e25), loss: .mse, metrics: [])
        let outcome = try model.fit(x: x, y: y, options: FitOptions(epochs: 2, batchSize: 64), generator: &g)
        guard case .nonFinite(_, _, let report) = outcome else {
            Issue.record("expected a non-finite stop, got \(outcome)")
            return
        }
        #expect(report != nil)
        let finite = model.parameters.allSatisfy { $0.isFinite }
        #expect(finite)
    }

    @Test func interruptKeepsCompletedSteps() throws {
        final class StopAfter: TrainingObserver {
            var steps = 0
            func stepEnded(_ progress: TrainingProgress) { steps += 1 }
            func epochEnded(_ progress: TrainingProgress) {}
            var shouldStop: Bool { steps >= 3 }
        }
        var g = RandomGenerator(seed: 1)
        let x = try Tensor.normal([320, 10], using: &g)
        let y = try Tensor.zeros([320])
        var model = try TrainingBenchmark.seedModel(seed: 2)
        let observer = StopAfter()
        let outcome = try model.fit(x: x, y: y, options: FitOptions(epochs: 2), generator: &g, observer: observer)
        #expect(outcome == .interrupted(epoch: 1, steps: 3))
        #expect(model.compilation?.optimizer.steps == 3)
    }

    @Test func uncompiledModelCannotFit() throws {
        var g = RandomGenerator(seed: 0)
        var model = try Sequential([.dense(try Dense(units: 1, inputSize: 2))], using: &g)
        #expect(throws: NNError.notCompiled) {
            _ = try model.fit(x: try Tensor.zeros([2, 2]), y: try Tensor.zeros([2]), options: FitOptions(), generator: &g)
        }
    }

    @Test func crossEntropyTargetsAreChecked() throws {
        var g = RandomGenerator(seed: 0)
        var model = try Sequential([.dense(try Dense(units: 3, inputSize: 2))], using: &g)
        model.compilation = Compilation(optimizer: try .sgd(), loss: .crossEntropy)
        #expect(throws: NNError.self) {
            _ = try model.evaluate(x: try Tensor.zeros([2, 2]), y: Tensor([0, 5]))
        }
        #expect(try model.evaluate(x: try Tensor.zeros([2, 2]), y: Tensor([0, 2]))[0].value > 0)
    }
}
