import Testing
@testable import Autodiff
import Matmul

/// conv2d and pooling, forward and backward, bit for bit against twins written here as plain
/// loops that make the same float operations in the same order (the same matrix products, the
/// same additions): what guards the ops' fast loops and reused buffers, which must change the
/// time and never a bit of the result.
struct WindowOpsBitForBitTests {
    /// conv2d by its im2col recipe in plain loops: y, ∂L/∂x, ∂L/∂W, ∂L/∂b for upstream g.
    static func convolutionTwin(_ c: ConvolutionTests.Config, x: [Float], w: [Float], b: [Float]?, g: [Float])
        -> (y: [Float], dx: [Float], dw: [Float], db: [Float]) {
        let (n, ch, h, wd) = (c.x[0], c.x[1], c.x[2], c.x[3])
        let (f, kh, kw) = (c.w[0], c.w[2], c.w[3])
        let (top, bottom) = ConvolutionTests.Reference.pads(c.padding, kh)
        let (left, right) = ConvolutionTests.Reference.pads(c.padding, kw)
        let (ph, pw) = (h + top + bottom, wd + left + right)
        let oh = (ph - kh) / c.stride + 1, ow = (pw - kw) / c.stride + 1
        let (positions, k) = (oh * ow, ch * kh * kw)
        let columns = n * positions
        var padded = [Float](repeating: 0, count: n * ch * ph * pw)
        for plane in 0..<(n * ch) { for i in 0..<h { for j in 0..<wd {
            padded[(plane * ph + i + top) * pw + j + left] = x[(plane * h + i) * wd + j]
        }}}
        // (row, column) of the patch matrix ↔ the padded element it copies, in the op's order.
        var taps: [(row: Int, column: Int, source: Int)] = []
        for cc in 0..<ch { for u in 0..<kh { for v in 0..<kw {
            let row = (cc * kh + u) * kw + v
            for s in 0..<n { for i in 0..<oh { for j in 0..<ow {
                taps.append((row, s * positions + i * ow + j, ((s * ch + cc) * ph + i * c.stride + u) * pw + j * c.stride + v))
            }}}
        }}}
        var cols = [Float](repeating: 0, count: k * columns)
        for t in taps { cols[t.row * columns + t.column] = padded[t.source] }
        let product = Self.product(.none, .none, m: f, n: columns, k: k, w, cols)
        var y = [Float](repeating: 0, count: n * f * positions)
        var delta = [Float](repeating: 0, count: f * columns)
        for s in 0..<n { for o in 0..<f { for p in 0..<positions {
            y[(s * f + o) * positions + p] = product[o * columns + s * positions + p] + (b?[o] ?? 0)
            delta[o * columns + s * positions + p] = g[(s * f + o) * positions + p]
        }}}
        let dcols = Self.product(.transposed, .none, m: k, n: columns, k: f, w, delta)
        var dpadded = [Float](repeating: 0, count: padded.count)
        for t in taps { dpadded[t.source] += dcols[t.row * columns + t.column] }
        var dx = [Float](repeating: 0, count: x.count)
        for plane in 0..<(n * ch) { for i in 0..<h { for j in 0..<wd {
            dx[(plane * h + i) * wd + j] = dpadded[(plane * ph + i + top) * pw + j + left]
        }}}
        let dw = Self.product(.none, .transposed, m: f, n: k, k: columns, delta, cols)
        let db = (0..<f).map { o in
            var total: Float = 0
            for p in 0..<columns { total += delta[o * columns + p] }
            return total
        }
        return (y, dx, dw, db)
    }

    /// The op's own matrix product (`Tensor.gemm`) on arrays.
    static func product(_ ta: Transposition, _ tb: Transposition, m: Int, n: Int, k: Int,
                        _ a: [Float], _ b: [Float]) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in c.withUnsafeMutableBufferPointer { c in
            if let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress {
                Tensor.gemm(ta, tb, m: m, n: n, k: k, a, b, into: c)
            }
        }}}
        return c
    }

    /// Nil when `actual` has exactly the bits of `expected`, else where they first differ.
    static func difference(_ actual: [Float], _ expected: [Float]) -> String? {
        guard actual.count == expected.count else { return "\(actual.count) elements, expected \(expected.count)" }
        guard let i = actual.indices.first(where: { actual[$0].bitPattern != expected[$0].bitPattern }) else { return nil }
        return "element \(i): \(actual[i]) (bits \(actual[i].bitPattern)), expected \(expected[i]) (bits \(expected[i].bitPattern))"
    }

    @Test(arguments: ConvolutionTests.sweep)
    func convolutionMatchesItsTwin(_ c: ConvolutionTests.Config) throws {
        let x = randomTensor(c.x, seed: 11).param(), w = randomTensor(c.w, seed: 12, scale: 0.5).param()
        let b = c.bias ? randomTensor([c.w[0]], seed: 13).param() : nil
        let y = try Tensor.conv2d(x, w, bias: b, stride: c.stride, padding: c.padding)
        let g = randomTensor(y.shape, seed: 14)
        let twin = Self.convolutionTwin(c, x: x.scalars, w: w.scalars, b: b?.scalars, g: g.scalars)
        try y.backward(seed: g)
        #expect(Self.difference(y.scalars, twin.y) == nil, "y")
        #expect(Self.difference(x.grad?.scalars ?? [], twin.dx) == nil, "dx")
        #expect(Self.difference(w.grad?.scalars ?? [], twin.dw) == nil, "dW")
        if let b { #expect(Self.difference(b.grad?.scalars ?? [], twin.db) == nil, "db") }
    }

    /// ∂L/∂b sums each filter's row four at a time: a filter count that is not a multiple of
    /// four, and long rows, give the plain loop's sums.
    @Test func biasGradientSumsEachRowInOrder() throws {
        for filters in [1, 3, 4, 5, 7, 8, 9, 16] {
            let c = ConvolutionTests.Config(x: [5, 2, 9, 9], w: [filters, 2, 3, 3], stride: 1, padding: .same, bias: true)
            try convolutionMatchesItsTwin(c)
        }
    }

    /// Pooling by plain loops: each window's max (first in row-major order, NaN wins) or its
    /// sum times 1/size², and the gradients sent back in window order.
    static func poolingTwin(_ x: [Float], shape: [Int], size: Int, stride: Int, max: Bool, g: [Float])
        -> (y: [Float], dx: [Float]) {
        let (planes, h, w) = (shape[0] * shape[1], shape[2], shape[3])
        let oh = (h - size) / stride + 1, ow = (w - size) / stride + 1
        let scale = 1 / Float(size * size)
        var y: [Float] = [], dx = [Float](repeating: 0, count: x.count)
        for plane in 0..<planes { for i in 0..<oh { for j in 0..<ow {
            var window: [Int] = []
            for u in 0..<size { for v in 0..<size { window.append((plane * h + i * stride + u) * w + j * stride + v) } }
            let out = (plane * oh + i) * ow + j
            if max {
                var best = window[0]
                for e in window where x[e] > x[best] || (x[e].isNaN && !x[best].isNaN) { best = e }
                y.append(x[best])
                dx[best] += g[out]
            } else {
                var total: Float = 0
                for e in window { total += x[e] }
                y.append(total * scale)
                for e in window { dx[e] += g[out] * scale }
            }
        }}}
        return (y, dx)
    }

    /// Few distinct values (many ties) and a NaN now and then.
    static func tiedValues(_ shape: [Int], seed: UInt64) -> Tensor {
        var generator = RandomGenerator(seed: seed)
        let values = (0..<shape.reduce(1, *)).map { i -> Float in
            i % 37 == 5 ? .nan : Float(generator.next() % 4) * 0.5 - 0.5
        }
        return (try? Tensor(shape: shape, scalars: values)) ?? Tensor(0)
    }

    @Test func poolingMatchesItsTwin() throws {
        // 2×2 at stride 2 goes four windows at a time: rows of exactly four windows, of four
        // and a rest (6, 5), and of fewer than four (2) take both of its paths.
        let vectorised: [(x: [Int], size: Int, stride: Int)] = [([32, 8, 8, 8], 2, 2), ([2, 3, 6, 12], 2, 2),
                                                                ([1, 2, 5, 11], 2, 2), ([32, 16, 4, 4], 2, 2)]
        for (shape, size, stride) in PoolingTests.shapes + vectorised + [([3, 2, 9, 9], 3, 2)] {
            for max in [true, false] {
                let label = "\(max ? "max" : "avg")pool \(shape) size \(size) stride \(stride)"
                let x = Self.tiedValues(shape, seed: 21).param()
                let y = max ? try x.maxPool2d(size: size, stride: stride) : try x.avgPool2d(size: size, stride: stride)
                let g = randomTensor(y.shape, seed: 22)
                let twin = Self.poolingTwin(x.scalars, shape: shape, size: size, stride: stride, max: max, g: g.scalars)
                try y.backward(seed: g)
                #expect(Self.difference(y.scalars, twin.y) == nil, "\(label) y")
                let constant = max ? try x.detached.maxPool2d(size: size, stride: stride) : try x.detached.avgPool2d(size: size, stride: stride)
                #expect(Self.difference(constant.scalars, twin.y) == nil, "\(label) y without a graph")
                #expect(Self.difference(x.grad?.scalars ?? [], twin.dx) == nil, "\(label) dx")
            }
        }
    }
}
