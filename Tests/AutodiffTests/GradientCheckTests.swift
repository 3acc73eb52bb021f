import Testing
@testable import Autodiff

/// Every differentiable op against central finite differences (Richardson-extrapolated).
/// Each op's output is contracted with a fixed random tensor R, L = Σ R ⊙ op(x), so that every
/// element of the Jacobian contributes to the check.
struct GradientCheckTests {
    /// Asserts that gradcheck passes for `op` at the given inputs.
    func check(
        _ name: String, _ inputs: [Tensor], tolerance: Double = 1e-3,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ op: @escaping ([Tensor]) throws(TensorError) -> Tensor
    ) {
        do {
            let probe = try op(inputs)
            let r = randomTensor(probe.shape, seed: 99)
            var g = RandomGenerator(seed: 1)
            let results = try GradientCheck.check(params: inputs, tolerance: tolerance, generator: &g) { xs throws(TensorError) in
                try (op(xs) * r).sum()
            }
            for result in results {
                #expect(result.passed, "\(name) input \(result.index): max rel error \(result.maxRelativeError) at \(result.worstIndex); analytic \(result.analytic.prefix(4)) numeric \(result.numeric.prefix(4))",
                        sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("\(name): \(error)", sourceLocation: sourceLocation)
        }
    }

    let a23 = randomTensor([2, 3], seed: 1)
    let b23 = randomTensor([2, 3], seed: 2)
    let row3 = randomTensor([3], seed: 3)
    let col21 = randomTensor([2, 1], seed: 4)
    let positive23 = randomTensor([2, 3], seed: 5).map { Swift.abs($0) + 0.5 }
    /// Away from the kinks of relu/abs/max (|x| ≥ 0.2, further than any finite-difference step).
    let kinkFree = randomTensor([3, 4], seed: 6).map { $0 >= 0 ? $0 + 0.2 : $0 - 0.2 }

    /// Images and kernels (ConvolutionTests sweeps strides, paddings and sizes; these keep the
    /// ops in this one list of every differentiable op).
    @Test func convolutionAndPooling() {
        let images = randomTensor([2, 2, 5, 5], seed: 7)
        let kernels = randomTensor([3, 2, 3, 3], seed: 8)
        let bias = randomTensor([3], seed: 9)
        check("conv2d stride 1, padding 1", [images, kernels, bias]) { x throws(TensorError) in
            try Tensor.conv2d(x[0], x[1], bias: x[2], stride: 1, padding: .zeros(1))
        }
        check("conv2d stride 2, same kernel size 1", [images, randomTensor([3, 2, 1, 1], seed: 10)]) { x throws(TensorError) in
            try Tensor.conv2d(x[0], x[1], stride: 2)
        }
        // Distinct values at least 0.05 apart, so no window has a near-tie for its max.
        let spread = (try? Tensor(shape: [1, 2, 4, 4], scalars: (0..<32).map { Float(($0 * 13) % 32) * 0.05 })) ?? Tensor(0)
        check("maxpool2d 2×2", [spread]) { x throws(TensorError) in try x[0].maxPool2d(size: 2) }
        check("avgpool2d 3×3 stride 1", [images]) { x throws(TensorError) in try x[0].avgPool2d(size: 3, stride: 1) }
        check("flatten", [images]) { x throws(TensorError) in try x[0].flattened() }
    }

    @Test func arithmeticWithBroadcasting() {
        for (name, lhs, rhs) in [("same", a23, b23), ("row", a23, row3), ("column", a23, col21),
                                  ("scalar", a23, Tensor(0.7)), ("outer", col21, row3)] {
            check("add \(name)", [lhs, rhs]) { x throws(TensorError) in try x[0] + x[1] }
            check("subtract \(name)", [lhs, rhs]) { x throws(TensorError) in try x[0] - x[1] }
            check("multiply \(name)", [lhs, rhs]) { x throws(TensorError) in try x[0] * x[1] }
            check("divide \(name)", [lhs, rhs.map { $0 >= 0 ? $0 + 1 : $0 - 1 }]) { x throws(TensorError) in try x[0] / x[1] }
        }
        check("negate", [a23]) { x in -x[0] }
        check("size-1 dims", [randomTensor([1, 3, 1], seed: 8), randomTensor([2, 1, 4], seed: 9)]) { x throws(TensorError) in try x[0] * x[1] }
    }

    @Test func power() {
        check("pow tensor^tensor", [positive23, a23]) { x throws(TensorError) in try Tensor.pow(x[0], x[1]) }
        check("pow x^2", [a23]) { x throws(TensorError) in try Tensor.pow(x[0], 2) }
        check("pow x^3 broadcast exponent", [positive23, Tensor(3)]) { x throws(TensorError) in try Tensor.pow(x[0], x[1]) }
    }

    @Test func elementwiseFunctions() {
        check("exp", [a23]) { x in x[0].exp() }
        check("log", [positive23]) { x in x[0].log() }
        check("sqrt", [positive23]) { x in x[0].sqrt() }
        check("abs", [kinkFree]) { x in x[0].abs() }
        check("sin", [a23]) { x in x[0].sin() }
        check("cos", [a23]) { x in x[0].cos() }
        check("tanh", [a23]) { x in x[0].tanh() }
        check("sigmoid", [a23]) { x in x[0].sigmoid() }
        check("relu", [kinkFree]) { x in x[0].relu() }
        check("leaky_relu", [kinkFree]) { x in x[0].leakyRelu(slope: 0.1) }
        check("gelu", [a23]) { x in x[0].gelu() }
    }

    @Test func reductions() {
        // Distinct values at least 0.1 apart: no finite-difference step can swap a max or min.
        var g = RandomGenerator(seed: 11)
        var values = (0..<24).map { Float($0) * 0.1 - 1.2 }
        g.shuffle(&values)
        let x = (try? Tensor(shape: [2, 3, 4], scalars: values)) ?? Tensor(0)
        for axis in [nil, 0, 1, 2, -1] as [Int?] {
            check("sum \(String(describing: axis))", [x]) { t throws(TensorError) in try t[0].sum(axis: axis) }
            check("mean \(String(describing: axis))", [x]) { t throws(TensorError) in try t[0].mean(axis: axis, keepDims: true) }
            check("max \(String(describing: axis))", [x]) { t throws(TensorError) in try t[0].max(axis: axis) }
            check("min \(String(describing: axis))", [x]) { t throws(TensorError) in try t[0].min(axis: axis) }
            check("norm \(String(describing: axis))", [x]) { t throws(TensorError) in try t[0].norm(axis: axis) }
        }
    }

    @Test func shapeOps() {
        let x = randomTensor([2, 3, 4], seed: 12)
        check("reshape", [x]) { t throws(TensorError) in try t[0].reshaped([4, -1]) }
        check("transpose", [x]) { t throws(TensorError) in try t[0].transposed() }
        check("permute", [x]) { t throws(TensorError) in try t[0].transposed([1, 2, 0]) }
        check("slice", [x]) { t throws(TensorError) in try t[0].slice([.at(-1), .range(start: nil, stop: nil, step: -2)]) }
        check("broadcast", [row3]) { t throws(TensorError) in try t[0].broadcast(to: [4, 3]) }
        check("concat", [a23, randomTensor([2, 2], seed: 13)]) { t throws(TensorError) in try Tensor.concat(t, axis: 1) }
        check("stack", [a23, b23]) { t throws(TensorError) in try Tensor.stack(t, axis: 1) }
        // More than two inputs: the third and later live outside a node's inline slots.
        let widths = [3, 2, 1, 4].enumerated().map { randomTensor([2, $1], seed: 40 + UInt64($0)) }
        check("concat of four", widths) { t throws(TensorError) in try Tensor.concat(t, axis: 1) }
        check("stack of three", [a23, b23, randomTensor([2, 3], seed: 44)]) { t throws(TensorError) in try Tensor.stack(t, axis: 0) }
    }

    @Test func matmul() {
        check("matmul matrix", [randomTensor([3, 4], seed: 14), randomTensor([4, 5], seed: 15)]) { t throws(TensorError) in try Tensor.matmul(t[0], t[1]) }
        check("matmul vector left", [randomTensor([4], seed: 16), randomTensor([4, 2], seed: 17)]) { t throws(TensorError) in try Tensor.matmul(t[0], t[1]) }
        check("matmul vector right", [randomTensor([3, 4], seed: 18), randomTensor([4], seed: 19)]) { t throws(TensorError) in try Tensor.matmul(t[0], t[1]) }
        check("matmul dot", [randomTensor([5], seed: 20), randomTensor([5], seed: 21)]) { t throws(TensorError) in try Tensor.matmul(t[0], t[1]) }
        check("matmul batch", [randomTensor([2, 3, 4], seed: 22), randomTensor([4, 2], seed: 23)]) { t throws(TensorError) in try Tensor.matmul(t[0], t[1]) }
    }

    @Test func softmaxFamily() {
        let x = randomTensor([3, 5], seed: 24, scale: 2)
        check("softmax", [x]) { t throws(TensorError) in try t[0].softmax() }
        check("softmax axis 0", [x]) { t throws(TensorError) in try t[0].softmax(axis: 0) }
        check("log_softmax", [x]) { t throws(TensorError) in try t[0].logSoftmax() }
    }

    @Test func losses() {
        let p = randomTensor([6, 1], seed: 25)
        let y = (try? Tensor(shape: [6], scalars: [0, 1, 1, 0, 1, 0])) ?? Tensor(0)
        check("mse", [p]) { t throws(TensorError) in try Losses.mse(t[0], y) }
        check("mae", [kinkFree]) { t throws(TensorError) in try Losses.mae(t[0], kinkFree.map { $0 * 0.5 }) }
        check("bce", [p.sigmoid()]) { t throws(TensorError) in try Losses.bce(t[0], y) }
        check("bce_logits", [p]) { t throws(TensorError) in try Losses.bceLogits(t[0], y) }
        let logits = randomTensor([4, 3], seed: 26)
        let classes = Tensor([2, 0, 1, 2])
        check("cross_entropy", [logits]) { t throws(TensorError) in try Losses.crossEntropy(t[0], classes) }
        let probs = (try? logits.softmax()) ?? logits
        let onehot = (try? Tensor(shape: [4, 3], scalars: [0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1])) ?? logits
        check("categorical_cross_entropy", [probs]) { t throws(TensorError) in try Losses.categoricalCrossEntropy(t[0], onehot) }
    }

    /// The check must be able to fail: an op whose pullback claims d(x²)/dx = x is caught.
    @Test func wrongPullbackIsCaught() throws {
        func wrongSquare(_ x: Tensor) -> Tensor {
            let y = x.map { $0 * $0 }
            guard x.requiresGrad else { return y }
            let xv = x.detached
            return Tensor.record(.multiply, inputs: [x], output: y) { g, _ in [g.zipSameShape(xv, *)] }
        }
        var generator = RandomGenerator(seed: 2)
        let results = try GradientCheck.check(params: [a23], generator: &generator) { t throws(TensorError) in
            try wrongSquare(t[0]).sum()
        }
        #expect(results.count == 1)
        #expect(!results[0].passed)
        #expect(results[0].maxRelativeError > 0.3)
    }

    /// Large params are sampled, deterministically per seed.
    @Test func largeParamsAreSampled() throws {
        let w = randomTensor([30, 30], seed: 27)
        var g1 = RandomGenerator(seed: 5), g2 = RandomGenerator(seed: 5)
        let r1 = try GradientCheck.check(params: [w], maxElements: 10, generator: &g1) { t throws(TensorError) in try t[0].tanh().sum() }
        let r2 = try GradientCheck.check(params: [w], maxElements: 10, generator: &g2) { t throws(TensorError) in try t[0].tanh().sum() }
        #expect(r1[0].checkedIndices.count == 10)
        #expect(r1[0].checkedIndices == r2[0].checkedIndices)
        #expect(r1[0].passed)
    }
}

extension GradientCheckTests {
    /// A pullback that is only 3% off is still caught at the default tolerance.
    @Test func slightlyWrongPullbackIsCaught() throws {
        func skewedSigmoid(_ x: Tensor) -> Tensor {
            let y = x.map(stableSigmoid)
            guard x.requiresGrad else { return y }
            let yv = y.detached
            return Tensor.record(.sigmoid, inputs: [x], output: y) { g, _ in
                [g.zipSameShape(yv) { g, y in 1.03 * g * y * (1 - y) }]
            }
        }
        var generator = RandomGenerator(seed: 2)
        let results = try GradientCheck.check(params: [a23], generator: &generator) { t throws(TensorError) in
            try skewedSigmoid(t[0]).sum()
        }
        #expect(!results[0].passed)
    }
}

extension GradientCheckTests {
    /// Both values far below what float32 differences resolve: ∂(w²)/∂w = 2w = 2e−10 at w = 1e−10,
    /// while the differences, with h = 1e−2, cannot see w at all. The relative error of that
    /// pair would be 0 (the gap is inside the noise) or 1 (noise over noise); the absolute error
    /// |a − n| is judged and reported instead.
    @Test func tinyValuesAreJudgedByAbsoluteError() throws {
        var generator = RandomGenerator(seed: 0)
        let results = try GradientCheck.check(params: [Tensor(1e-10)], generator: &generator) { t throws(TensorError) in
            try (t[0] * t[0]).sum()
        }
        let r = try #require(results.first)
        #expect(Swift.abs(r.analytic[0] - 2e-10) < 1e-16)  // 2w, the closed form
        #expect(r.worst.rule == .absolute)
        #expect(r.worst.error == Swift.abs(r.analytic[0] - r.numeric[0]))
        #expect(r.worst.limit > 1e-10 && r.passed)

        let ordinary = try GradientCheck.check(params: [Tensor(0.3)], generator: &generator) { t throws(TensorError) in
            try (t[0] * t[0]).sum()
        }
        #expect(ordinary[0].worst.rule == .relative && ordinary[0].passed)
    }

    /// The absolute rule can fail (opposite signs further apart than the resolution), and each
    /// rule is chosen by whether both values lie within the resolution.
    @Test func judgeChoosesTheRule() {
        let tiny = GradientCheck.judge(analytic: -6.56e-11, numeric: -1.11e-10, resolution: 1e-7, floor: 0, tolerance: 1e-3)
        #expect(tiny.rule == .absolute && tiny.passed && Swift.abs(tiny.error - 4.54e-11) < 1e-20)
        let apart = GradientCheck.judge(analytic: 5e-8, numeric: -5e-8, resolution: 6e-8, floor: 0, tolerance: 1e-3)
        #expect(apart.rule == .absolute && !apart.passed)
        let large = GradientCheck.judge(analytic: 1.0, numeric: 1.01, resolution: 1e-7, floor: 0, tolerance: 1e-3)
        #expect(large.rule == .relative && !large.passed)
        #expect(Swift.abs(large.error - (0.01 - 1e-7) / 1.01) < 1e-12)
        #expect(!GradientCheck.judge(analytic: .nan, numeric: 1, resolution: 1e-7, floor: 0, tolerance: 1e-3).passed)
    }
}

/// Batch normalization (on features and on image channels, ε small and large), layer
/// normalization (any rank) and embedding lookup (repeated indices add).
extension GradientCheckTests {
    @Test func batchNormGradientsMatchFiniteDifferences() {
        for (shape, eps) in [([4, 3], Float(1e-3)), ([2, 5], 1e-5), ([3, 2, 3, 2], 1e-3), ([1, 2, 3, 3], 1e-3), ([2, 1, 1, 1], 0.1)] {
            let c = shape[1]
            let x = randomTensor(shape, seed: 11, scale: 1.5)
            let gamma = randomTensor([c], seed: 12).map { $0 * 0.5 + 1 }, beta = randomTensor([c], seed: 13)
            check("batchnorm \(shape)", [x, gamma, beta]) { t throws(TensorError) in
                try Tensor.batchNorm(t[0], gamma: t[1], beta: t[2], eps: eps).output
            }
        }
    }

    @Test func layerNormGradientsMatchFiniteDifferences() {
        for shape in [[4, 5], [1, 6], [2, 3, 4], [3, 2], [5]] {
            let d = shape[shape.count - 1]
            let x = randomTensor(shape, seed: 21, scale: 1.5)
            let gamma = randomTensor([d], seed: 22).map { $0 * 0.5 + 1 }, beta = randomTensor([d], seed: 23)
            check("layernorm \(shape)", [x, gamma, beta]) { t throws(TensorError) in
                try Tensor.layerNorm(t[0], gamma: t[1], beta: t[2], eps: 1e-3)
            }
        }
    }

    @Test func embeddingGradientMatchesFiniteDifferences() throws {
        // Repeated indices (3 twice in the first row) check that the scatter adds.
        for (indices, vocab) in [(try Tensor(shape: [2, 4], scalars: [3, 0, 3, 1, 4, 4, 2, 0]), 5),
                                 (try Tensor(shape: [1, 1], scalars: [2]), 3),
                                 (try Tensor(shape: [3, 2], scalars: [0, 0, 0, 0, 0, 0]), 2)] {
            let w = randomTensor([vocab, 3], seed: 31)
            check("embedding \(indices.shape)", [w]) { t throws(TensorError) in try Tensor.embedding(indices, t[0]) }
        }
    }
}
