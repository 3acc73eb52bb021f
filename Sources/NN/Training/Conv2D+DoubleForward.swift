extension Conv2D {
    /// The zeros this layer adds before and after an axis for a kernel of `kernelSize`: the
    /// number given, or for `same` k − 1 in all, (k − 1)/2 before and the extra one after.
    var doublePadding: (before: Int, after: Int) {
        switch padding {
        case .zeros(let p): (p, p)
        case .same: ((kernelSize - 1) / 2, kernelSize - 1 - (kernelSize - 1) / 2)
        }
    }

    /// The cross-correlation plus bias in Float64, by plain loops over every output element
    /// and every tap, reading zero outside the input (the loss twin's conv; no im2col, no
    /// padded copy, no matrix product, so it shares nothing with the engine's kernel):
    ///
    ///     z[s, f, oy, ox] = b[f] + Σ_{c, i, j} W[f, c, i, j] · x[s, c, oy·stride + i − before, ox·stride + j − before]
    ///
    /// Shapes: x `[rows, c, h, w]`, W `[filters, c, k, k]`, b `[filters]`;
    /// z `[rows, filters, h′, w′]` with h′ = (h + before + after − k) / stride + 1.
    func doublePreActivation(_ x: DoubleBatch, weight: [Double], bias: [Double]?) throws(NNError) -> DoubleBatch {
        guard x.sampleShape.count == 3 else {
            throw .layerShapeMismatch(layer: name, expected: [nil, nil, nil, nil], got: [nil] + x.sampleShape)
        }
        let (c, h, w) = (x.sampleShape[0], x.sampleShape[1], x.sampleShape[2])
        let (before, after) = doublePadding
        let k = kernelSize
        let outH = (h + before + after - k) / stride + 1, outW = (w + before + after - k) / stride + 1
        guard h + before + after >= k, w + before + after >= k, weight.count == filters * c * k * k else {
            throw .layerShapeMismatch(layer: name, expected: [nil, c, k, k], got: [nil] + x.sampleShape)
        }
        var z = [Double](repeating: 0, count: x.rows * filters * outH * outW)
        for s in 0..<x.rows {
            for f in 0..<filters {
                for oy in 0..<outH {
                    for ox in 0..<outW {
                        var sum = bias?[f] ?? 0
                        for ch in 0..<c {
                            for i in 0..<k {
                                let iy = oy * stride + i - before
                                guard iy >= 0, iy < h else { continue }
                                for j in 0..<k {
                                    let ix = ox * stride + j - before
                                    guard ix >= 0, ix < w else { continue }
                                    sum += weight[((f * c + ch) * k + i) * k + j] * x.values[((s * c + ch) * h + iy) * w + ix]
                                }
                            }
                        }
                        z[((s * filters + f) * outH + oy) * outW + ox] = sum
                    }
                }
            }
        }
        return x.with(z, sampleShape: [filters, outH, outW])
    }
}
