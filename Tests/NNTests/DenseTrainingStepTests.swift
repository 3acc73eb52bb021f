import Testing
@testable import Autodiff
@testable import NN
@testable import Benchmarks

/// The graph-free training step of dense σ-classifiers against the graph path it replaces:
/// the same params bit for bit after every epoch, the same history, and no tensor made per
/// step once training has started.
struct DenseTrainingStepTests {
    /// 203 rows (six full batches of 32 and one of 11), two classes split by a plane.
    static func data() throws -> (x: Tensor, y: Tensor) {
        var g = RandomGenerator(seed: 11)
        let rows = 203
        let x = (0..<rows * 10).map { _ in g.nextNormal() }
        let y: [Float] = (0..<rows).map { r in
            let side: Float = x[r * 10] + 0.5 * x[r * 10 + 1] - x[r * 10 + 2]
            return side > 0 ? 1 : 0
        }
        return (try Tensor(shape: [rows, 10], scalars: x), try Tensor(shape: [rows], scalars: y))
    }

    /// The seed model, and one with a linear, bias-free first layer trained by SGD with momentum.
    static func models() throws -> [Sequential] {
        var seed = try TrainingBenchmark.seedModel(seed: 4)
        seed.compilation = Compilation(optimizer: try .adam(), loss: .bce, metrics: [.accuracy])
        var g = RandomGenerator(seed: 5)
        var other = try Sequential([
            .dense(try Dense(units: 16, activation: .linear, inputSize: 10, useBias: false)),
            .dense(try Dense(units: 8, activation: .relu)),
            .dense(try Dense(units: 1, activation: .sigmoid)),
        ], using: &g)
        other.compilation = Compilation(optimizer: try .sgd(lr: 0.05, momentum: 0.9), loss: .bce, metrics: [.accuracy])
        return [seed, other]
    }

    @Test(arguments: 0..<2)
    func denseStepsMatchTheGraphBitForBit(model index: Int) throws {
        let (x, y) = try Self.data()
        var dense = try Self.models()[index], graph = dense
        #expect(DenseTrainingStep.make(for: dense, batchSize: 32) != nil)
        var g1 = RandomGenerator(seed: 7), g2 = RandomGenerator(seed: 7)
        for _ in 0..<3 {
            // Several epochs per call: every call's last step goes through the graph either way.
            _ = try dense.fit(x: x, y: y, validation: nil, options: FitOptions(epochs: 2, batchSize: 32),
                              generator: &g1, observer: nil, keepFinalGraph: false, denseSteps: true)
            _ = try graph.fit(x: x, y: y, validation: nil, options: FitOptions(epochs: 2, batchSize: 32),
                              generator: &g2, observer: nil, keepFinalGraph: false, denseSteps: false)
            let a = dense.parameters.map { $0.scalars.map(\.bitPattern) }
            let b = graph.parameters.map { $0.scalars.map(\.bitPattern) }
            #expect(a == b)
        }
        #expect(dense.history == graph.history)
        #expect(dense.history.epochs == 6)
    }

    /// Models the step does not compute keep to the graph.
    @Test func otherModelsAreLeftToTheGraph() throws {
        var g = RandomGenerator(seed: 1)
        var mse = try TrainingBenchmark.seedModel(seed: 1)
        mse.compilation = Compilation(optimizer: try .adam(), loss: .mse)
        #expect(DenseTrainingStep.make(for: mse, batchSize: 32) == nil)
        var dropout = try Sequential([.dense(try Dense(units: 8, activation: .relu, inputSize: 10)),
                                      .dropout(try Dropout(rate: 0.5)), .dense(try Dense(units: 1, activation: .sigmoid))],
                                     using: &g)
        dropout.compilation = Compilation(optimizer: try .adam(), loss: .bce)
        #expect(DenseTrainingStep.make(for: dropout, batchSize: 32) == nil)
        var tanh = try Sequential([.dense(try Dense(units: 8, activation: .tanh, inputSize: 10)),
                                   .dense(try Dense(units: 1, activation: .sigmoid))], using: &g)
        tanh.compilation = Compilation(optimizer: try .adam(), loss: .bce)
        #expect(DenseTrainingStep.make(for: tanh, batchSize: 32) == nil)
    }

    #if DEBUG
    /// Four epochs make no more tensors than two: the steady-state step allocates none. (Each
    /// `fit` call pays for its batch buffers, its step's buffers and its last, graph step; the
    /// first epoch also for the shorter last batch's buffers.) The graph path makes 22 per step.
    @Test func steadyStateStepsMakeNoTensors() throws {
        let (x, y) = try Self.data()
        var short = try Self.models()[0], long = try Self.models()[0]  // no storage shared
        var g1 = RandomGenerator(seed: 3), g2 = RandomGenerator(seed: 3)
        let start = TensorStorage.allocationsOnThisThread
        _ = try short.fit(x: x, y: y, options: FitOptions(epochs: 2, batchSize: 32), generator: &g1)
        let middle = TensorStorage.allocationsOnThisThread
        _ = try long.fit(x: x, y: y, options: FitOptions(epochs: 4, batchSize: 32), generator: &g2)
        let end = TensorStorage.allocationsOnThisThread
        let steps = 2 * 7  // the extra epochs' steps
        #expect(end - middle == middle - start, "\((end - middle) - (middle - start)) tensors over \(steps) steps")
    }
    #endif
}
