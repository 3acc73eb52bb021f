import Testing
import Autodiff
@testable import NN

/// The Float64 twin of a model's loss (`doublePrecisionLoss`) for image layers, and
/// `gradcheck model data`'s check built on it: the twin equals the float32 loss, the check
/// passes on the engine's gradients and fails on wrong ones.
struct DoubleLossTests {
    /// A model with its data, named for the failure messages.
    struct Case {
        let name: String
        let model: Sequential
        let x: Tensor
        let y: Tensor
    }

    private static func compiled(_ layers: [Layer], loss: LossFunction, seed: UInt64) throws -> Sequential {
        var g = RandomGenerator(seed: seed)
        var m = try Sequential(layers, using: &g)
        // Non-zero biases, so that no pre-activation is exactly 0 at a relu.
        let moved = try m.parameters.map { p in try p.detached + Tensor.uniform(p.shape, low: -0.1, high: 0.1, using: &g) }
        try m.setParameters(moved)
        try m.checkLoss(loss)
        m.compilation = Compilation(optimizer: try .sgd(lr: 0.1), loss: loss)
        return m
    }

    private static func images(_ shape: [Int], seed: UInt64) throws -> Tensor {
        var g = RandomGenerator(seed: seed)
        return try Tensor.uniform(shape, low: -1, high: 1, using: &g)
    }

    /// Every image layer, every padding form (0, a number, `same` with an odd and an even
    /// kernel), strides 1, 2 and 3, odd sizes, a 1×1 kernel, no bias, max and average pooling
    /// with and without overlap, flatten, dropout, activation layers and each loss pairing.
    static func cases() throws -> [Case] {
        [
            Case(name: "conv 3×3 stride 1 padding 0, relu, maxpool 2, softmax + cross_entropy",
                 model: try compiled([
                    .conv2d(try Conv2D(filters: 3, kernelSize: 3, activation: .relu, inputShape: [2, 7, 7])),
                    .pooling(try Pooling2D(.max, size: 2)),
                    .flatten(try Flatten()),
                    .dense(try Dense(units: 4, activation: .softmax)),
                 ], loss: .crossEntropy, seed: 1),
                 x: try images([5, 2, 7, 7], seed: 2), y: Tensor([0, 3, 1, 2, 3])),
            Case(name: "conv stride 2 padding 1 on 9×8, tanh, avgpool 2 stride 1, logits + cross_entropy",
                 model: try compiled([
                    .conv2d(try Conv2D(filters: 2, kernelSize: 3, stride: 2, padding: .zeros(1), activation: .tanh, inputShape: [1, 9, 8])),
                    .pooling(try Pooling2D(.average, size: 2, stride: 1)),
                    .flatten(try Flatten()),
                    .dense(try Dense(units: 3)),
                 ], loss: .crossEntropy, seed: 3),
                 x: try images([4, 1, 9, 8], seed: 4), y: Tensor([2, 0, 1, 1])),
            Case(name: "conv 2×2 same (the extra zero after), 1×1 conv, maxpool 3 stride 2, dropout, sigmoid + bce",
                 model: try compiled([
                    .conv2d(try Conv2D(filters: 2, kernelSize: 2, padding: .same, activation: .gelu, inputShape: [3, 5, 6])),
                    .conv2d(try Conv2D(filters: 4, kernelSize: 1, activation: .sigmoid)),
                    .pooling(try Pooling2D(.max, size: 3, stride: 2)),
                    .flatten(try Flatten()),
                    .dropout(try Dropout(rate: 0.5)),
                    .dense(try Dense(units: 1, activation: .sigmoid)),
                 ], loss: .bce, seed: 5),
                 x: try images([3, 3, 5, 6], seed: 6), y: try Tensor(shape: [3, 1], scalars: [1, 0, 1])),
            Case(name: "conv 4×4 stride 3 padding 2 without bias, leaky_relu, an activation layer, mse",
                 model: try compiled([
                    .conv2d(try Conv2D(filters: 3, kernelSize: 4, stride: 3, padding: .zeros(2), activation: .leakyRelu,
                                       inputShape: [1, 11, 11], useBias: false)),
                    .flatten(try Flatten()),
                    .dense(try Dense(units: 2)),
                    .activation(.relu, name: "relu"),
                    .dense(try Dense(units: 1)),
                 ], loss: .mse, seed: 7),
                 x: try images([4, 1, 11, 11], seed: 8), y: try Tensor(shape: [4, 1], scalars: [0.5, -1, 2, 0])),
            Case(name: "conv 3×3 same, relu layer, avgpool 3, softmax + categorical cross-entropy",
                 model: try compiled([
                    .conv2d(try Conv2D(filters: 2, kernelSize: 3, padding: .same, inputShape: [1, 6, 6])),
                    .activation(.relu, name: "relu"),
                    .pooling(try Pooling2D(.average, size: 3)),
                    .flatten(try Flatten()),
                    .dense(try Dense(units: 3, activation: .softmax)),
                 ], loss: .categoricalCrossEntropy, seed: 9),
                 x: try images([3, 1, 6, 6], seed: 10), y: try Tensor(shape: [3, 3], scalars: [0, 1, 0, 1, 0, 0, 0, 0, 1])),
        ]
    }

    /// batchnorm over the features of `[n, f]` and over the channels of `[n, c, h, w]`,
    /// layernorm over rows and over the last axis of images, and an embedding (integer
    /// indices; only W is a param) followed by layernorm over its vectors.
    static func normCases() throws -> [Case] {
        [
            Case(name: "dense, batchnorm [n, f], relu layer, softmax + cross_entropy",
                 model: try compiled([
                    .dense(try Dense(units: 6, inputSize: 4)),
                    .batchnorm(try BatchNorm()),
                    .activation(.relu, name: "relu"),
                    .dense(try Dense(units: 3, activation: .softmax)),
                 ], loss: .crossEntropy, seed: 11),
                 x: try images([6, 4], seed: 12), y: Tensor([0, 1, 2, 2, 1, 0])),
            Case(name: "conv, batchnorm [n, c, h, w] with eps 0.1, relu, maxpool, logits + bce_logits",
                 model: try compiled([
                    .conv2d(try Conv2D(filters: 3, kernelSize: 3, inputShape: [2, 6, 5])),
                    .batchnorm(try BatchNorm(momentum: 0.9, eps: 0.1)),
                    .activation(.relu, name: "relu"),
                    .pooling(try Pooling2D(.max, size: 2)),
                    .flatten(try Flatten()),
                    .dense(try Dense(units: 1)),
                 ], loss: .bceLogits, seed: 13),
                 x: try images([3, 2, 6, 5], seed: 14), y: try Tensor(shape: [3, 1], scalars: [1, 0, 0])),
            Case(name: "dense, layernorm over rows, tanh, mse",
                 model: try compiled([
                    .dense(try Dense(units: 5, inputSize: 3)),
                    .layernorm(try LayerNorm()),
                    .activation(.tanh, name: "tanh"),
                    .dense(try Dense(units: 1)),
                 ], loss: .mse, seed: 15),
                 x: try images([4, 3], seed: 16), y: try Tensor(shape: [4, 1], scalars: [0.3, -0.2, 1, 0])),
            Case(name: "conv, layernorm over the last axis of images, avgpool, sigmoid + bce",
                 model: try compiled([
                    .conv2d(try Conv2D(filters: 2, kernelSize: 3, padding: .zeros(1), inputShape: [1, 4, 6])),
                    .layernorm(try LayerNorm(eps: 0.01)),
                    .pooling(try Pooling2D(.average, size: 2)),
                    .flatten(try Flatten()),
                    .dense(try Dense(units: 1, activation: .sigmoid)),
                 ], loss: .bce, seed: 17),
                 x: try images([3, 1, 4, 6], seed: 18), y: try Tensor(shape: [3, 1], scalars: [0, 1, 1])),
            Case(name: "embedding (a repeated index), layernorm, flatten, softmax + cross_entropy",
                 model: try compiled([
                    .embedding(try Embedding(vocab: 7, dim: 3, inputLength: 4)),
                    .layernorm(try LayerNorm()),
                    .flatten(try Flatten()),
                    .dense(try Dense(units: 2, activation: .softmax)),
                 ], loss: .crossEntropy, seed: 19),
                 x: try Tensor(shape: [3, 4], scalars: [0, 3, 3, 6, 1, 2, 5, 0, 4, 4, 4, 2]), y: Tensor([1, 0, 1])),
        ]
    }

    /// For batchnorm the checked loss is the training loss (batch statistics), not the
    /// inference loss (moving statistics, here still zeros and ones), and checking leaves the
    /// moving statistics as they were.
    @Test func batchnormIsCheckedWithBatchStatistics() throws {
        let c = try Self.normCases()[1]
        var g = RandomGenerator(seed: 0)
        let training = try #require(try c.model.lossGraph(x: c.x, y: c.y, training: true, generator: &g).loss.scalar)
        let inference = try #require(try c.model.lossGraph(x: c.x, y: c.y, generator: &g).loss.scalar)
        #expect(try c.model.checkedLoss(x: c.x, y: c.y).scalar == training)
        #expect(abs(training - inference) > 1e-3)
        let before = c.model.parameters.map(\.scalars)
        let grads = try c.model.gradients(x: c.x, y: c.y)
        #expect(c.model.parameters.map(\.scalars) == before)
        // γ and β have gradients; the moving mean and variance (params 4 and 5) get zeros.
        #expect(grads[2].scalars.contains { $0 != 0 } && grads[3].scalars.contains { $0 != 0 })
        #expect(grads[4].scalars == [0, 0, 0] && grads[5].scalars == [0, 0, 0])
    }

    private static func values(_ m: Sequential) -> [[Double]] { m.parameters.map { $0.scalars.map(Double.init) } }

    /// The twin in Float64 and the engine's float32 loss (the training loss with dropout off)
    /// agree to float32 rounding.
    @Test func float64LossEqualsTheFloat32Loss() throws {
        for c in try Self.cases() + Self.normCases() {
            let float32 = Double(try #require(try c.model.checkedLoss(x: c.x, y: c.y).scalar))
            let float64 = try c.model.doublePrecisionLoss(parameters: Self.values(c.model), x: c.x, y: c.y)
            #expect(abs(float64 - float32) <= 1e-5 * max(1, abs(float64)), "\(c.name): \(float64) vs \(float32)")
        }
    }

    /// The conv twin by hand: 1..9 in a 3×3 image, a 2×2 kernel of ones. `same` pads the even
    /// kernel's one zero after (right and below); stride 2 with padding 1 reads a zero border.
    @Test func convTwinPadsAsTheFormulaSays() throws {
        let x = DoubleBatch(values: (1...9).map(Double.init), rows: 1, sampleShape: [1, 3, 3])
        let ones = [Double](repeating: 1, count: 4)
        let same = try Conv2D(filters: 1, kernelSize: 2, padding: .same)
        let windows: [Double] = [1 + 2 + 4 + 5, 2 + 3 + 5 + 6, 3 + 6, 4 + 5 + 7 + 8, 5 + 6 + 8 + 9, 6 + 9, 7 + 8, 8 + 9, 9]
        let padded = try same.doublePreActivation(x, weight: ones, bias: [0.5])
        #expect(padded.sampleShape == [1, 3, 3])
        #expect(padded.values == windows.map { $0 + 0.5 })
        let strided = try Conv2D(filters: 1, kernelSize: 2, stride: 2, padding: .zeros(1))
        let y = try strided.doublePreActivation(x, weight: ones, bias: nil)
        #expect(y.sampleShape == [1, 2, 2])
        let corners: [Double] = [1, 2 + 3, 4 + 7, 5 + 6 + 8 + 9]
        #expect(y.values == corners)
    }

    /// Autodiff's gradients against central differences of the twin, for every case, every
    /// element of every param (moving statistics included: 0 on both sides).
    @Test func gradcheckPassesForEveryLayer() throws {
        for c in try Self.cases() + Self.normCases() {
            var g = RandomGenerator(seed: 0)
            let results = try GradientCheck.check(analytic: try c.model.gradients(x: c.x, y: c.y), values: c.model.parameters,
                                                  maxElements: 4096, generator: &g) { v throws(TensorError) in
                do { return try c.model.doublePrecisionLoss(parameters: v, x: c.x, y: c.y) } catch { throw .invalidArgument("\(error)") }
            }
            #expect(results.count == c.model.parameters.count)
            for r in results {
                #expect(r.passed && r.nonSmoothCount == 0 && r.checkedIndices.count == c.model.parameters[r.index].count,
                        "\(c.name), \(c.model.namedParameters[r.index].name): worst \(r.worst) at \(r.worstIndex)")
            }
        }
    }

    /// A wrong gradient is reported: one element of the first conv's kernel gradient made 10%
    /// too large fails at exactly that element; a gradient taken at other params (a pullback
    /// that read the wrong values) fails for every param.
    @Test func gradcheckFailsOnAWrongGradient() throws {
        let c = try Self.cases()[0]
        let loss = { (v: [[Double]]) throws(TensorError) -> Double in
            do { return try c.model.doublePrecisionLoss(parameters: v, x: c.x, y: c.y) } catch { throw .invalidArgument("\(error)") }
        }
        var grads = try c.model.gradients(x: c.x, y: c.y)
        var w = grads[0].scalars
        w[7] *= 1.1
        grads[0] = try Tensor(shape: grads[0].shape, scalars: w)
        var g = RandomGenerator(seed: 0)
        let tampered = try GradientCheck.check(analytic: grads, values: c.model.parameters, maxElements: 4096, generator: &g, lossInDouble: loss)
        #expect(!tampered[0].passed && tampered[0].worstIndex == 7)
        #expect(tampered[0].verdicts.filter { !$0.passed }.count == 1)
        #expect(tampered[1...].allSatisfy { $0.passed })

        var other = c.model
        try other.setParameters(try c.model.parameters.map { p in try p.detached * 1.5 })
        let stale = try GradientCheck.check(analytic: try other.gradients(x: c.x, y: c.y), values: c.model.parameters,
                                            maxElements: 4096, generator: &g, lossInDouble: loss)
        #expect(stale.allSatisfy { !$0.passed })
    }

    /// Every param of every model can fail: the first element of each param's gradient moved
    /// by 5% of the model's largest gradient fails there and nowhere else (for a bias before
    /// batchnorm, whose true gradient is 0, too: the absolute rule for rounding does not hide it).
    @Test func gradcheckFailsForEveryParamWhoseGradientIsWrong() throws {
        for c in try Self.cases() + Self.normCases() {
            let right = try c.model.gradients(x: c.x, y: c.y)
            let largest = right.flatMap(\.scalars).map(abs).max() ?? 0
            let wrong = try right.map { g in
                var v = g.scalars
                v[0] += 0.05 * largest
                return try Tensor(shape: g.shape, scalars: v)
            }
            var g = RandomGenerator(seed: 0)
            let results = try GradientCheck.check(analytic: wrong, values: c.model.parameters, maxElements: 4096, generator: &g) { v throws(TensorError) in
                do { return try c.model.doublePrecisionLoss(parameters: v, x: c.x, y: c.y) } catch { throw .invalidArgument("\(error)") }
            }
            for r in results {
                let failing = zip(r.checkedIndices, r.verdicts).filter { !$0.1.passed }.map(\.0)
                #expect(failing == [0], "\(c.name), \(c.model.namedParameters[r.index].name): failing at \(failing)")
            }
        }
    }

    /// Two exactly tied maxima of a pooling window that move with different params: a 1×1
    /// conv over two channels, x = (1, 0) at the window's first position and (0, 1) at its
    /// second (0 elsewhere), W = (½, ½), so both are ½ and L = (max − 0)² = ¼. The engine sends
    /// the window's δ = 2·½ = 1 to the first: ∂L/∂W = (1, 0). Across the tie the loss has a
    /// kink: the central difference is ½ for both, the one-sided ones are 1 (up) and 0 (down);
    /// the check judges each against the side of the branch the engine took, and a gradient
    /// that is the mean of the two sides is wrong.
    @Test func aTieInMaxPoolingIsAKinkJudgedByTheBranchTaken() throws {
        var g = RandomGenerator(seed: 0)
        var m = try Sequential([
            .conv2d(try Conv2D(filters: 1, kernelSize: 1, inputShape: [2, 2, 2], useBias: false)),
            .pooling(try Pooling2D(.max, size: 2)),
            .flatten(try Flatten()),
        ], using: &g)
        try m.setParameters([try Tensor(shape: [1, 2, 1, 1], scalars: [0.5, 0.5])])
        m.compilation = Compilation(optimizer: try .sgd(lr: 0.1), loss: .mse)
        let x = try Tensor(shape: [1, 2, 2, 2], scalars: [1, 0, 0, 0, 0, 1, 0, 0])
        let y = try Tensor(shape: [1, 1], scalars: [0])
        let loss = { (v: [[Double]]) throws(TensorError) -> Double in
            do { return try m.doublePrecisionLoss(parameters: v, x: x, y: y) } catch { throw .invalidArgument("\(error)") }
        }
        #expect(try loss([[0.5, 0.5]]) == 0.25)
        let grads = try m.gradients(x: x, y: y)
        #expect(grads[0].scalars == [1, 0])
        let r = try GradientCheck.check(analytic: grads, values: m.parameters, generator: &g, lossInDouble: loss)[0]
        #expect(r.passed && r.nonSmoothCount == 2, "\(r.verdicts)")
        #expect(zip(r.numeric, [1.0, 0.0]).allSatisfy { abs($0 - $1) < 1e-6 }, "\(r.numeric)")
        let mean = try GradientCheck.check(analytic: [try Tensor(shape: [1, 2, 1, 1], scalars: [0.5, 0.5])], values: m.parameters,
                                           generator: &g, lossInDouble: loss)[0]
        #expect(mean.verdicts.allSatisfy { !$0.passed })
    }
}
