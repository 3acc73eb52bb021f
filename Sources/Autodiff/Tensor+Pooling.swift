/// Max and average pooling over `size × size` windows of images `[n, c, h, w]`, windows
/// `stride` apart (no padding): y `[n, c, h′, w′]`, h′ = (h − size) / stride + 1 (floor).
extension Tensor {
    /// y[s, c, i, j] = max over the window at (i·stride, j·stride).
    ///
    /// ∂L/∂x: each window's δ goes to the element that was its max — the first in row-major
    /// order when several tie, as PyTorch does (NaN counts as the max: it propagates). Windows
    /// that overlap (stride < size) add up where they share a max. The forward keeps each
    /// window's argmax for the backward (as PyTorch does): finding them again cost as much as
    /// the forward itself.
    public func maxPool2d(size: Int, stride: Int? = nil) throws(TensorError) -> Tensor {
        let pool = try PoolingGeometry(op: "maxpool2d", input: shape, size: size, stride: stride ?? size)
        let y = Tensor(uninitializedShape: pool.outputShape)
        let x = storage.base, out = y.storage.base, windows = y.count
        guard requiresGrad else {
            WindowOpClock.timing(.poolingForward) { pool.maxima(x, into: out, argmaxes: nil) }
            return y
        }
        let maxima = WindowOpClock.timing(.poolingForward) {
            [Int](unsafeUninitializedCapacity: windows) { argmaxes, initialized in
                pool.maxima(x, into: out, argmaxes: argmaxes.baseAddress)
                initialized = windows
            }
        }
        return Tensor.record(.maxpool2d(size: size, stride: pool.rows.stride), inputs: self, output: y) { g, node in
            WindowOpClock.timing(.poolingBackward) {
                let dx = Tensor(zerosOf: node.inputShape(0))
                let (upstream, target) = (g.storage.base, dx.storage.base)
                maxima.withUnsafeBufferPointer { maxima in
                    for window in 0..<windows { target[maxima[window]] += upstream[window] }
                }
                return Contributions(dx)
            }
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
        WindowOpClock.timing(.poolingForward) {
            pool.forEachWindow { window, offsets in
                var total: Float = 0
                pool.forEachElement(offsets) { total += x[$0] }
                out[window] = total * scale
            }
        }
        guard requiresGrad else { return y }
        return Tensor.record(.avgpool2d(size: size, stride: pool.rows.stride), inputs: self, output: y) { g, node in
            WindowOpClock.timing(.poolingBackward) {
                let dx = Tensor(zerosOf: node.inputShape(0))
                let (upstream, target) = (g.storage.base, dx.storage.base)
                pool.forEachWindow { window, offsets in
                    let share = upstream[window] * scale
                    pool.forEachElement(offsets) { target[$0] += share }
                }
                return Contributions(dx)
            }
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
    ///
    /// Inlined, with its closure, into each op: called once per window through a closure, it
    /// took more time than the comparisons and additions it runs (a few per window). The
    /// offsets cannot overflow: the init checked that the input's element count is an `Int`.
    @inline(__always)
    func forEachWindow(_ body: (Int, Int) -> Void) {
        let (width, planeSize) = (columns.size, rows.size &* columns.size)
        let (rowStep, columnStep) = (rows.stride &* width, columns.stride)
        var window = 0
        for plane in 0..<batch &* channels {
            var rowStart = plane &* planeSize
            for _ in 0..<rows.positions {
                var offset = rowStart
                for _ in 0..<columns.positions {
                    body(window, offset)
                    window &+= 1
                    offset &+= columnStep
                }
                rowStart &+= rowStep
            }
        }
    }

    /// Calls `body(input offset)` for every element of the window starting at `start`, row by row.
    @inline(__always)
    func forEachElement(_ start: Int, _ body: (Int) -> Void) {
        var rowStart = start
        for _ in 0..<rows.window {
            for v in 0..<columns.window { body(rowStart &+ v) }
            rowStart &+= columns.size
        }
    }

    /// The input offset of the max of the 2×2 window at `start`, its rows `below` apart: the
    /// first in row-major order, or the first NaN's.
    @inline(__always)
    static func argmax2x2(_ x: UnsafePointer<Float>, _ start: Int, below: Int) -> Int {
        var best = start, maximum = x[start].bitPattern
        challenge(x, start &+ 1, &best, &maximum)
        challenge(x, start &+ below, &best, &maximum)
        challenge(x, start &+ below &+ 1, &best, &maximum)
        return best
    }

    /// Calls `body(flat output index, the input offset of the window's max)` for every window:
    /// the max's offset is the first in row-major order, or the first NaN's.
    @inline(__always)
    func forEachArgmax(_ x: UnsafePointer<Float>, _ body: (Int, Int) -> Void) {
        if rows.window == 2 && columns.window == 2 {  // the usual window, unrolled
            let below = columns.size
            forEachWindow { window, start in body(window, Self.argmax2x2(x, start, below: below)) }
        } else {
            forEachWindow { window, start in
                var best = start, maximum = x[start].bitPattern
                forEachElement(start) { Self.challenge(x, $0, &best, &maximum) }
                body(window, best)
            }
        }
    }

    /// Makes x[i] the max so far (`best`, and `maximum`'s bits) when it is larger, or NaN (then
    /// no comparison is true), unless a NaN won before: `x[i] > max || (x[i].isNaN && !max.isNaN)`.
    /// Where the max sits is data, so a branch on it is mispredicted half the time, and the
    /// compiler compiled `wins ? i : best` to one: the choice is made with masks instead (the
    /// forward of a small CNN's pooling took half the time).
    @inline(__always)
    static func challenge(_ x: UnsafePointer<Float>, _ i: Int, _ best: inout Int, _ maximum: inout UInt32) {
        let value = x[i], current = Float(bitPattern: maximum)
        let larger = unsafeBitCast(!(value <= current), to: UInt8.self)
        let settled = unsafeBitCast(current == current, to: UInt8.self)
        let mask = 0 &- Int(larger & settled)  // all ones when x[i] wins, else 0
        best = (i & mask) | (best & ~mask)
        let bits = UInt32(truncatingIfNeeded: mask)
        maximum = (value.bitPattern & bits) | (maximum & ~bits)
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
