#if canImport(Glibc)
import Glibc
#endif

extension Activation {
    /// The activation on a Float64 batch, elementwise (softmax over the last axis), as the
    /// loss twin applies it.
    func doubleApply(_ z: DoubleBatch) -> DoubleBatch {
        z.with(doubleApply(z.values, width: z.width), sampleShape: z.sampleShape)
    }

    /// The activation of each value of z; softmax normalizes each run of `width` values.
    func doubleApply(_ z: [Double], width: Int) -> [Double] {
        switch self {
        case .linear: z
        case .relu: z.map { $0 > 0 ? $0 : 0 }
        case .leakyRelu: z.map { $0 > 0 ? $0 : 0.01 * $0 }
        case .sigmoid: z.map { 1 / (1 + exp(-$0)) }
        case .tanh: z.map { Glibc.tanh($0) }
        case .gelu: z.map { 0.5 * $0 * (1 + erf($0 / 2.0.squareRoot())) }
        case .softmax: Activation.doubleLogSoftmax(z, width: width).map { exp($0) }
        }
    }

    /// log softmax of each run of `width` values, computed as z − (m + log Σ exp(z − m)), m the
    /// run's largest value, so no exp overflows.
    static func doubleLogSoftmax(_ z: [Double], width: Int) -> [Double] {
        var out = z
        for r in 0..<(z.count / Swift.max(width, 1)) {
            let row = z[(r * width)..<((r + 1) * width)]
            let m = row.max() ?? 0
            let lse = m + log(row.reduce(0) { $0 + exp($1 - m) })
            for j in 0..<width { out[r * width + j] = z[r * width + j] - lse }
        }
        return out
    }
}
