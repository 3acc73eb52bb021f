extension Pooling2D {
    /// Max or average pooling in Float64, by plain loops over every window (the loss twin's):
    ///
    ///     y[s, c, oy, ox] = max (or mean) of x[s, c, oy·stride + i, ox·stride + j], 0 ≤ i, j < size
    ///
    /// Shapes: x `[rows, c, h, w]`; y `[rows, c, h′, w′]` with h′ = (h − size) / stride + 1.
    /// Which of tied maxima wins does not change the value; it changes the derivative, and a
    /// difference across a tie is a kink, which the Float64 check detects from its one-sided
    /// differences (see `GradientCheck`).
    func doubleForward(_ x: DoubleBatch) throws(NNError) -> DoubleBatch {
        guard x.sampleShape.count == 3, x.sampleShape[1] >= size, x.sampleShape[2] >= size else {
            throw .layerShapeMismatch(layer: name, expected: [nil, nil, size, size], got: [nil] + x.sampleShape)
        }
        let (c, h, w) = (x.sampleShape[0], x.sampleShape[1], x.sampleShape[2])
        let outH = (h - size) / stride + 1, outW = (w - size) / stride + 1
        var y = [Double](repeating: 0, count: x.rows * c * outH * outW)
        for plane in 0..<(x.rows * c) {
            for oy in 0..<outH {
                for ox in 0..<outW {
                    var window: [Double] = []
                    for i in 0..<size {
                        for j in 0..<size { window.append(x.values[(plane * h + oy * stride + i) * w + ox * stride + j]) }
                    }
                    y[(plane * outH + oy) * outW + ox] = switch reduction {
                    case .max: window.max() ?? 0
                    case .average: window.reduce(0, +) / Double(window.count)
                    }
                }
            }
        }
        return x.with(y, sampleShape: [c, outH, outW])
    }
}
