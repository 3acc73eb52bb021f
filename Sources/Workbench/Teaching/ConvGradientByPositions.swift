import Autodiff

/// A convolution's param gradients summed position by position from δ = ∂L/∂y and the input,
/// the slow and obvious way (no patch matrix, no matrix product), so that `chain` checks the
/// sums its recurrence prints against autodiff's im2col backward.
///
/// Shapes: δ `[n, f, h′, w′]`, x `[n, c, h, w]`, W `[f, c, kh, kw]`, b `[f]`.
enum ConvGradientByPositions {
    /// ∂L/∂W[o, c, u, v] = Σ over s, i, j of δ[s, o, i, j] · x[s, c, i·stride + u − top, j·stride + v − left]
    /// (x is 0 outside itself, in the padding); nil when the shapes do not belong together.
    static func kernel(delta: Tensor, input: Tensor, kernelShape: [Int], stride: Int, padding: WindowPadding) -> [Double]? {
        guard delta.rank == 4, input.rank == 4, kernelShape.count == 4, stride > 0,
              delta.shape[0] == input.shape[0], delta.shape[1] == kernelShape[0], input.shape[1] == kernelShape[1]
        else { return nil }
        let (n, f, outH, outW) = (delta.shape[0], delta.shape[1], delta.shape[2], delta.shape[3])
        let (c, h, w) = (input.shape[1], input.shape[2], input.shape[3])
        let (kh, kw) = (kernelShape[2], kernelShape[3])
        let top = padding.amounts(window: kh).before, left = padding.amounts(window: kw).before
        let d = delta.scalars, x = input.scalars
        var grad = [Double](repeating: 0, count: f * c * kh * kw)
        for s in 0..<n {
            for o in 0..<f {
                for i in 0..<outH {
                    for j in 0..<outW {
                        let g = Double(d[((s * f + o) * outH + i) * outW + j])
                        guard g != 0 else { continue }
                        for ch in 0..<c {
                            for u in 0..<kh {
                                let row = i * stride + u - top
                                guard row >= 0, row < h else { continue }
                                for v in 0..<kw {
                                    let col = j * stride + v - left
                                    guard col >= 0, col < w else { continue }
                                    grad[((o * c + ch) * kh + u) * kw + v] += g * Double(x[((s * c + ch) * h + row) * w + col])
                                }
                            }
                        }
                    }
                }
            }
        }
        return grad
    }

    /// ∂L/∂b[o] = Σ over s, i, j of δ[s, o, i, j]; nil when δ is not a batch of images.
    static func bias(delta: Tensor) -> [Double]? {
        guard delta.rank == 4 else { return nil }
        let (n, f, positions) = (delta.shape[0], delta.shape[1], delta.shape[2] * delta.shape[3])
        let d = delta.scalars
        var sums = [Double](repeating: 0, count: f)
        for s in 0..<n {
            for o in 0..<f {
                let start = (s * f + o) * positions
                for p in start..<start + positions { sums[o] += Double(d[p]) }
            }
        }
        return sums
    }
}
