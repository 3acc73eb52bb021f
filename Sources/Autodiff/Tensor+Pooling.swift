/// Max and average pooling over `size × size` windows of images `[n, c, h, w]`, windows
/// `stride` apart (no padding): y `[n, c, h′, w′]`, h′ = (h − size) / stride + 1 (floor).
extension Tensor {
    /// y[s, c, i, j] = max over the window at (i·stride, j·stride).
    ///
    /// ∂L/∂x: each window's δ goes to the element that was its max — the first in row-major
    /// order when several tie, as PyTorch does (NaN counts as the max: it propagates). Windows
    /// that overlap (stride < size) add up where they share a max.
    public func maxPool2d(size: Int, stride: Int? = nil) throws(TensorError) -> Tensor {
        let pool = try PoolingGeometry(op: "maxpool2d", input: shape, size: size, stride: stride ?? size)
        let y = Tensor(uninitializedShape: pool.outputShape)
        let x = storage.base, out = y.storage.base
        pool.forEachWindow { window, offsets in
            out[window] = x[pool.argmax(x, offsets)]
        }
        guard requiresGrad else { return y }
        return Tensor.record(.maxpool2d(size: size, stride: pool.rows.stride), inputs: self, output: y) { g, node in
            let x = node.inputElements(0)
            let dx = Tensor(zerosOf: node.inputShape(0))
            pool.forEachWindow { window, offsets in
                dx.storage.base[pool.argmax(x, offsets)] += g.storage.base[window]
            }
            return Contributions(dx)
        }
    }

    /// y[s, c, i, j] = the mean of the window at (i·stride, j·stride).
    ///
    /// ∂L/∂x: each window's δ / size² to every element of the window (added where windows overlap).
    public func avgPool2d(size: Int, stride: Int? = nil) throws(TensorError) -> Tensor {
        let pool = try PoolingGeometry(op: "avgpool2d", input: shape, size: size, stride: stride ?? size)
        let y = Tensor(uninitializedShape: pool.outputShape)
        let x = storage.base, out = y.storage.base
        let scale = 1 / Float(size * size)
        pool.forEachWindow { window, offsets in
            var total: Float = 0
            pool.forEachElement(offsets) { total += x[$0] }
            out[window] = total * scale
        }
        guard requiresGrad else { return y }
        return Tensor.record(.avgpool2d(size: size, stride: pool.rows.stride), inputs: self, output: y) { g, node in
            let dx = Tensor(zerosOf: node.inputShape(0))
            pool.forEachWindow { window, offsets in
                let share = g.storage.base[window] * scale
                pool.forEachElement(offsets) { dx.storage.base[$0] += share }
            }
            return Contributions(dx)
        }
    }
}

/// The sizes of one pooling, checked: the input `[n, c, h, w]` and a square window per axis.
struct PoolingGeometry: Sendable {
    let batch: Int
    let channels: Int
    let rows: WindowAxis
    let columns: WindowAxis

    init(op: String, input: [Int], size: Int, stride: Int) throws(TensorError) {
        guard input.count == 4 else {
            throw .rankMismatch(op: op, expected: "images [n, channels, height, width]", shape: input)
        }
        let axes = try Tensor.windowAxes(op: op, input: input, window: [size, size], kernelHeight: size,
                                         kernelWidth: size, stride: stride, padding: .zeros(0))
        batch = input[0]
        channels = input[1]
        rows = axes.rows
        columns = axes.columns
        _ = try ShapeMath.elementCount(outputShape)
    }

    var outputShape: [Int] { [batch, channels, rows.positions, columns.positions] }

    /// Calls `body(flat output index, the window's first input offset)` for every window.
    func forEachWindow(_ body: (Int, Int) -> Void) {
        var window = 0
        for plane in 0..<batch * channels {
            let planeStart = plane * rows.size * columns.size
            for i in 0..<rows.positions {
                for j in 0..<columns.positions {
                    body(window, planeStart + i * rows.stride * columns.size + j * columns.stride)
                    window += 1
                }
            }
        }
    }

    /// Calls `body(input offset)` for every element of the window starting at `start`, row by row.
    @inline(__always)
    func forEachElement(_ start: Int, _ body: (Int) -> Void) {
        for u in 0..<rows.window {
            for v in 0..<columns.window { body(start + u * columns.size + v) }
        }
    }

    /// The input offset of the window's max: the first in row-major order, or the first NaN.
    func argmax(_ x: UnsafePointer<Float>, _ start: Int) -> Int {
        var best = start
        forEachElement(start) { i in
            if x[i] > x[best] || (x[i].isNaN && !x[best].isNaN) { best = i }
        }
        return best
    }
}

/// maxpool2d's formulas and replay.
struct MaxPool2dRule: OpRule {
    let size: Int, stride: Int
    var name: String { "maxpool2d" }
    func formula(_ x: OpOperands) -> String { "maxpool\(size)×\(size)(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "δ at each window's (first) max of \(x.a), 0 elsewhere" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try x.a.maxPool2d(size: size, stride: stride) }
}

/// avgpool2d's formulas and replay.
struct AvgPool2dRule: OpRule {
    let size: Int, stride: Int
    var name: String { "avgpool2d" }
    func formula(_ x: OpOperands) -> String { "avgpool\(size)×\(size)(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "δ/\(size * size) to every element of its window" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try x.a.avgPool2d(size: size, stride: stride) }
}
