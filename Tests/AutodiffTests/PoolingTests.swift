import Testing
@testable import Autodiff

/// maxpool2d and avgpool2d against direct loops, finite differences, PyTorch's tie rule, and
/// their shape errors; flatten's shape and gradient.
struct PoolingTests {
    /// Distinct values at least 0.05 apart (a shuffled ramp): no window has two maxima within a
    /// finite-difference step, so the max's gradient is smooth where it is checked.
    static func separated(_ shape: [Int], seed: UInt64) -> Tensor {
        let count = shape.reduce(1, *)
        var generator = RandomGenerator(seed: seed)
        var values = (0..<count).map { Float($0) * 0.05 - Float(count) * 0.025 }
        generator.shuffle(&values)
        return (try? Tensor(shape: shape, scalars: values)) ?? Tensor(0)
    }

    static let shapes: [(x: [Int], size: Int, stride: Int)] = [
        ([2, 3, 4, 4], 2, 2), ([1, 2, 5, 5], 2, 2), ([2, 1, 7, 6], 3, 2), ([1, 2, 5, 7], 3, 1), ([1, 1, 3, 3], 3, 3),
        ([2, 2, 6, 6], 1, 1), ([1, 1, 5, 5], 2, 3),
    ]

    /// Each window by a direct loop: its max (first in row-major order) or mean, and the
    /// gradient δ sent to the max, or δ/size² to every element.
    func reference(_ x: Tensor, size: Int, stride: Int, max: Bool, upstream g: [Float]) -> (y: [Float], dx: [Float]) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let oh = (h - size) / stride + 1, ow = (w - size) / stride + 1
        let v = x.scalars
        var y: [Float] = [], dx = [Float](repeating: 0, count: v.count)
        for plane in 0..<(n * c) { for i in 0..<oh { for j in 0..<ow {
            var window: [Int] = []
            for u in 0..<size { for t in 0..<size { window.append((plane * h + i * stride + u) * w + j * stride + t) } }
            let out = (plane * oh + i) * ow + j
            if max {
                var best = window[0]
                for k in window where v[k] > v[best] { best = k }
                y.append(v[best])
                dx[best] += g[out]
            } else {
                y.append(window.map { v[$0] }.reduce(0, +) / Float(size * size))
                for k in window { dx[k] += g[out] / Float(size * size) }
            }
        }}}
        return (y, dx)
    }

    @Test func matchesDirectLoopsAndFiniteDifferences() throws {
        for (shape, size, stride) in Self.shapes {
            for max in [true, false] {
                let label = "\(max ? "max" : "avg")pool \(shape) size \(size) stride \(stride)"
                let x = Self.separated(shape, seed: 3).param()
                let pool = { (t: Tensor) throws(TensorError) -> Tensor in
                    max ? try t.maxPool2d(size: size, stride: stride) : try t.avgPool2d(size: size, stride: stride)
                }
                let y = try pool(x)
                let g = randomTensor(y.shape, seed: 4)
                let expected = reference(x, size: size, stride: stride, max: max, upstream: g.scalars)
                #expect(y.shape == [shape[0], shape[1], (shape[2] - size) / stride + 1, (shape[3] - size) / stride + 1], "\(label)")
                expectClose(y.scalars, expected.y, tolerance: 1e-6, "\(label) y")
                try y.backward(seed: g)
                expectClose(x.grad?.scalars ?? [], expected.dx, tolerance: 1e-6, "\(label) dx")

                var generator = RandomGenerator(seed: 5)
                let results = try GradientCheck.check(params: [x.detached], generator: &generator) { p throws(TensorError) in
                    try (pool(p[0]) * g).sum()
                }
                let passed = results.allSatisfy { $0.passed }
                #expect(passed, "\(label): max rel error \(results.map(\.maxRelativeError))")
            }
        }
    }

    @Test func tiesSendTheGradientToTheFirstMax() throws {
        // PyTorch: max_pool2d(ones(1,1,2,2), 2) sends the gradient to element [0, 0].
        let x = try Tensor(shape: [1, 1, 2, 4], scalars: [1, 1, 0, 2, 1, 1, 2, 2]).param()
        let y = try x.maxPool2d(size: 2)
        expectTensor(y, shape: [1, 1, 1, 2], [1, 2])
        try y.sum().backward()
        expectTensor(try #require(x.grad), shape: [1, 1, 2, 4], [1, 0, 0, 1, 0, 0, 0, 0])
    }

    @Test func strideDefaultsToTheSize() throws {
        let x = Self.separated([1, 1, 6, 6], seed: 1)
        #expect(try x.maxPool2d(size: 3).shape == [1, 1, 2, 2])
        #expect(try x.avgPool2d(size: 2).shape == [1, 1, 3, 3])
        #expect(try x.maxPool2d(size: 2).node == nil)
        #expect(try x.param().avgPool2d(size: 2, stride: 1).node?.op == .avgpool2d(size: 2, stride: 1))
    }

    @Test func shapeMistakesAreErrors() {
        func message(_ shape: [Int], size: Int, stride: Int? = nil) -> String {
            do {
                _ = try Tensor(shape: shape, repeating: 1).maxPool2d(size: size, stride: stride)
                return "no error"
            } catch { return "\(error)" }
        }
        #expect(message([1, 1, 2, 5], size: 3) == "maxpool2d of input [1, 1, 2, 5] with window [3, 3]: the window's height (3) is larger than the input's (2)")
        #expect(message([1, 1, 4, 4], size: 0).hasSuffix("the window's height is 0"))
        #expect(message([1, 1, 4, 4], size: 2, stride: -1).hasSuffix("stride is -1"))
        #expect(message([4, 4], size: 2) == "maxpool2d expects images [n, channels, height, width], got shape [4, 4]")
    }

    @Test func flattenKeepsTheBatchAxis() throws {
        let x = randomTensor([2, 3, 2, 2], seed: 1).param()
        let f = try x.flattened()
        #expect(f.shape == [2, 12])
        #expect(f.scalars == x.scalars)
        try (f * randomTensor([2, 12], seed: 2)).sum().backward()
        #expect(x.grad?.shape == [2, 3, 2, 2])
        expectClose(x.grad?.scalars ?? [], randomTensor([2, 12], seed: 2).scalars)
        #expect(try Tensor(shape: [0, 3, 2], repeating: 0).flattened().shape == [0, 6])
        #expect(throws: TensorError.rankMismatch(op: "flatten", expected: "a batch [n, …] of rank ≥ 2", shape: [5])) {
            try Tensor([1, 2, 3, 4, 5]).flattened()
        }
    }
}
