import Testing
@testable import Autodiff

/// conv2d against a direct Float64 loop (the definition, no im2col) over a sweep of shapes, and
/// against central finite differences; and its shape errors.
struct ConvolutionTests {
    struct Config: CustomStringConvertible {
        let x: [Int], w: [Int], stride: Int, padding: WindowPadding, bias: Bool
        var description: String { "x \(x) W \(w) stride \(stride) padding \(padding)\(bias ? " bias" : "")" }
    }

    /// Stride 1–3, padding 0, 1, 2 and same (odd and even kernels), odd sizes, 1×1 and
    /// rectangular kernels, several channels and batches, kernels as large as the padded input.
    static let sweep: [Config] = [
        Config(x: [1, 1, 4, 4], w: [1, 1, 2, 2], stride: 1, padding: .zeros(0), bias: false),
        Config(x: [2, 3, 5, 5], w: [4, 3, 3, 3], stride: 1, padding: .zeros(0), bias: true),
        Config(x: [2, 3, 5, 7], w: [2, 3, 3, 3], stride: 1, padding: .zeros(1), bias: true),
        Config(x: [3, 2, 7, 6], w: [3, 2, 3, 3], stride: 2, padding: .zeros(1), bias: true),
        Config(x: [1, 2, 7, 7], w: [2, 2, 3, 2], stride: 3, padding: .zeros(2), bias: true),
        Config(x: [2, 4, 5, 3], w: [3, 4, 1, 1], stride: 1, padding: .zeros(0), bias: true),
        Config(x: [2, 2, 5, 5], w: [2, 2, 1, 1], stride: 2, padding: .zeros(1), bias: false),
        Config(x: [2, 1, 8, 8], w: [8, 1, 3, 3], stride: 1, padding: .same, bias: true),
        Config(x: [1, 2, 6, 5], w: [3, 2, 2, 4], stride: 1, padding: .same, bias: true),
        Config(x: [1, 1, 3, 3], w: [2, 1, 5, 5], stride: 1, padding: .same, bias: false),
        Config(x: [1, 2, 3, 4], w: [1, 2, 3, 4], stride: 1, padding: .zeros(0), bias: true),
        Config(x: [1, 1, 2, 2], w: [1, 1, 4, 4], stride: 2, padding: .zeros(1), bias: false),
    ]

    /// The convolution by its definition, in Float64: y, and ∂L/∂x, ∂L/∂W, ∂L/∂b for upstream g.
    struct Reference {
        var y: [Double] = [], dx: [Double] = [], dw: [Double] = [], db: [Double] = []
        var shape: [Int] = []

        init(_ c: Config, x: [Float], w: [Float], b: [Float]?, g: (([Int]) -> [Float])) {
            let (n, ch, h, wd) = (c.x[0], c.x[1], c.x[2], c.x[3])
            let (f, kh, kw) = (c.w[0], c.w[2], c.w[3])
            let (top, bottom) = Reference.pads(c.padding, kh), (left, right) = Reference.pads(c.padding, kw)
            let oh = (h + top + bottom - kh) / c.stride + 1, ow = (wd + left + right - kw) / c.stride + 1
            shape = [n, f, oh, ow]
            let upstream = g(shape).map(Double.init)
            y = .init(repeating: 0, count: n * f * oh * ow)
            dx = .init(repeating: 0, count: x.count)
            dw = .init(repeating: 0, count: w.count)
            db = .init(repeating: 0, count: f)
            for s in 0..<n { for o in 0..<f { for i in 0..<oh { for j in 0..<ow {
                let out = ((s * f + o) * oh + i) * ow + j
                var total = b.map { Double($0[o]) } ?? 0
                db[o] += upstream[out]
                for cc in 0..<ch { for u in 0..<kh { for v in 0..<kw {
                    let iy = i * c.stride + u - top, ix = j * c.stride + v - left
                    guard iy >= 0, iy < h, ix >= 0, ix < wd else { continue }
                    let xi = ((s * ch + cc) * h + iy) * wd + ix, wi = ((o * ch + cc) * kh + u) * kw + v
                    total += Double(w[wi]) * Double(x[xi])
                    dx[xi] += upstream[out] * Double(w[wi])
                    dw[wi] += upstream[out] * Double(x[xi])
                }}}
                y[out] = total
            }}}}
        }

        static func pads(_ p: WindowPadding, _ k: Int) -> (Int, Int) {
            switch p {
            case .zeros(let n): (n, n)
            case .same: ((k - 1) / 2, k - 1 - (k - 1) / 2)
            }
        }
    }

    @Test(arguments: sweep)
    func matchesTheDefinition(_ c: Config) throws {
        let x = randomTensor(c.x, seed: 1).param(), w = randomTensor(c.w, seed: 2, scale: 0.5).param()
        let b = c.bias ? randomTensor([c.w[0]], seed: 3).param() : nil
        let y = try Tensor.conv2d(x, w, bias: b, stride: c.stride, padding: c.padding)
        let g = randomTensor(y.shape, seed: 4)
        let reference = Reference(c, x: x.scalars, w: w.scalars, b: b?.scalars) { _ in g.scalars }
        #expect(y.shape == reference.shape)
        expectClose(y.scalars, reference.y.map(Float.init), tolerance: 1e-5, "y")
        try y.backward(seed: g)
        expectClose(x.grad?.scalars ?? [], reference.dx.map(Float.init), tolerance: 1e-5, "dx")
        expectClose(w.grad?.scalars ?? [], reference.dw.map(Float.init), tolerance: 1e-5, "dW")
        if let b { expectClose(b.grad?.scalars ?? [], reference.db.map(Float.init), tolerance: 1e-5, "db") }
    }

    @Test(arguments: sweep)
    func gradientsMatchFiniteDifferences(_ c: Config) throws {
        let x = randomTensor(c.x, seed: 5), w = randomTensor(c.w, seed: 6, scale: 0.5)
        let inputs = c.bias ? [x, w, randomTensor([c.w[0]], seed: 7)] : [x, w]
        let probe = try Tensor.conv2d(x, w, stride: c.stride, padding: c.padding)
        let r = randomTensor(probe.shape, seed: 8)
        var generator = RandomGenerator(seed: 9)
        let results = try GradientCheck.check(params: inputs, generator: &generator) { p throws(TensorError) in
            try (Tensor.conv2d(p[0], p[1], bias: p.count > 2 ? p[2] : nil, stride: c.stride, padding: c.padding) * r).sum()
        }
        #expect(results.count == inputs.count)
        for result in results {
            let passed = result.passed  // not the whole result in the message: it lists every element
            #expect(passed, "\(c) input \(result.index): max rel error \(result.maxRelativeError) at \(result.worstIndex)")
        }
    }

    @Test func aHandComputedExample() throws {
        // [[1 2 3] [4 5 6] [7 8 9]] ⋆ [[1 0] [0 -1]] = [[1−5, 2−6], [4−8, 5−9]], plus b = 10.
        let x = try Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let w = try Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, -1])
        let y = try Tensor.conv2d(x, w, bias: Tensor([10]))
        expectTensor(y, shape: [1, 1, 2, 2], [6, 6, 6, 6])
        // padding=same with a 2×2 kernel pads one zero after (bottom and right), as PyTorch.
        let same = try Tensor.conv2d(x, w, padding: .same)
        expectTensor(same, shape: [1, 1, 3, 3], [-4, -4, 3, -4, -4, 6, 7, 8, 9])
    }

    @Test func constantsRecordNothing() throws {
        let y = try Tensor.conv2d(randomTensor([1, 1, 3, 3], seed: 1), randomTensor([1, 1, 2, 2], seed: 2))
        #expect(y.node == nil)
        let z = try Tensor.conv2d(randomTensor([1, 1, 3, 3], seed: 1), randomTensor([1, 1, 2, 2], seed: 2),
                                  bias: Tensor([1]).param())
        #expect(z.node?.op == .conv2d(stride: 1, padding: .zeros(0)))
    }

    @Test func replayRecomputesTheForwardPass() throws {
        let x = randomTensor([2, 2, 5, 5], seed: 1), w = randomTensor([3, 2, 3, 3], seed: 2).param()
        let b = randomTensor([3], seed: 3).param()
        let loss = try Tensor.conv2d(x, w, bias: b, stride: 2, padding: .zeros(1)).sum()
        let w2 = randomTensor([3, 2, 3, 3], seed: 4)
        let replayed = try loss.replayed(with: [(try #require(w.node), w2)])
        let direct = try Tensor.conv2d(x, w2, bias: b.detached, stride: 2, padding: .zeros(1)).sum()
        expectClose(replayed.scalars, direct.scalars, tolerance: 1e-6)
    }

    /// Each mistake is a `windowMismatch` or `rankMismatch` naming the shapes, never a trap.
    @Test func shapeMistakesAreErrorsNamingBothShapes() {
        func message(_ x: [Int], _ w: [Int], bias: [Int]? = nil, stride: Int = 1, padding: WindowPadding = .zeros(0)) -> String {
            do {
                let b = try bias.map { s throws(TensorError) in try Tensor(shape: s, repeating: 0) }
                _ = try Tensor.conv2d(Tensor(shape: x, repeating: 1), Tensor(shape: w, repeating: 1), bias: b,
                                      stride: stride, padding: padding)
                return "no error"
            } catch { return "\(error)" }
        }
        #expect(message([1, 3, 8, 8], [4, 2, 3, 3]) == "conv2d of input [1, 3, 8, 8] with kernel [4, 2, 3, 3]: the kernel has 2 input channels, the input 3")
        #expect(message([1, 1, 2, 2], [1, 1, 3, 3]) == "conv2d of input [1, 1, 2, 2] with kernel [1, 1, 3, 3]: the kernel's height (3) is larger than the input's (2)")
        #expect(message([1, 1, 9, 2], [1, 1, 5, 5], padding: .zeros(1)).hasSuffix("the kernel's width (5) is larger than the padded input's (2 + 1 + 1 = 4)"))
        #expect(message([1, 1, 4, 4], [1, 1, 3, 3], stride: 0).hasSuffix("stride is 0"))
        #expect(message([1, 1, 4, 4], [1, 1, 3, 3], padding: .zeros(-1)).hasSuffix("padding is -1"))
        #expect(message([1, 1, 4, 4], [1, 1, 3, 3], stride: 2, padding: .same).hasSuffix("padding=same is defined for stride 1 only, got stride 2"))
        #expect(message([1, 1, 4, 4], [1, 1, 0, 3]).hasSuffix("the kernel's height is 0"))
        #expect(message([1, 1, 4, 4], [2, 1, 3, 3], bias: [3]).hasSuffix("the bias has shape [3], the kernel 2 filters"))
        #expect(message([1, 4, 4], [2, 1, 3, 3]) == "conv2d expects images [n, channels, height, width], got shape [1, 4, 4]")
        #expect(message([1, 1, 4, 4], [1, 3, 3]) == "conv2d expects a kernel [filters, channels, kh, kw], got shape [1, 3, 3]")
        #expect(message([1, 1, 4, 4], [1, 1, 3, 3], padding: .zeros(Int.max)).hasSuffix("is too large"))
    }

    @Test func aStrideBeyondTheInputLeavesOnePosition() throws {
        let y = try Tensor.conv2d(randomTensor([1, 1, 4, 4], seed: 1), randomTensor([1, 1, 3, 3], seed: 2), stride: Int.max)
        #expect(y.shape == [1, 1, 1, 1])
    }

    @Test func hugeSizesAreRefusedBeforeAllocating() {
        // The patch matrix of a 1×1×1000×1000 input with a 100×100 kernel (10⁴ taps × 901²
        // positions, 8·10⁹ floats) is too large: refused with the limit named, before any buffer.
        let saved = TensorAllocationLimit.elements
        TensorAllocationLimit.elements = 1 << 24
        defer { TensorAllocationLimit.elements = saved }
        do {
            _ = try Tensor.conv2d(Tensor(shape: [1, 1, 1000, 1000], repeating: 0), Tensor(shape: [1, 1, 100, 100], repeating: 0))
            Issue.record("expected an error")
        } catch {
            guard case .tooLarge = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func emptyBatchesAndFilters() throws {
        let none = try Tensor.conv2d(Tensor(shape: [0, 2, 4, 4], repeating: 0), randomTensor([3, 2, 3, 3], seed: 1))
        #expect(none.shape == [0, 3, 2, 2])
        let noFilters = try Tensor.conv2d(randomTensor([2, 2, 4, 4], seed: 1), Tensor(shape: [0, 2, 3, 3], repeating: 0))
        #expect(noFilters.shape == [2, 0, 2, 2])
    }
}

extension WindowPadding: CustomTestStringConvertible {
    public var testDescription: String { description }
}
