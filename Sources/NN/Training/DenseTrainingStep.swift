import Autodiff
import Matmul
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One training step of a dense σ-classifier without a graph: dense layers with relu (or no)
/// activation, ending in one σ unit trained with bce — the seed model's shape.
///
/// It runs the float operations of the graph path in the same order — the same `sgemm` calls,
/// the bias added before the activation, `relu′(z)·g` as a product, column sums in float64 —
/// so every gradient, and so every param after the update, is bit for bit the graph's (the
/// tests compare them). What it saves is the graph: the nodes, the intermediate tensors and the
/// engine's bookkeeping. It fuses what the graph keeps apart: the bias add with the activation
/// (one pass over the layer's output), the activation's derivative with the upstream gradient
/// and the bias gradient's column sums (one pass), σ with bce. Its buffers are made once, for
/// the batch size, and reused from step to step: in the steady state a step allocates no tensor.
final class DenseTrainingStep {
    /// One dense layer's sizes and kind.
    struct LayerShape: Equatable {
        let inputs: Int, units: Int
        let relu: Bool
        let hasBias: Bool
    }

    let shapes: [LayerShape]
    let batchSize: Int
    /// Pre-activations z = x·W + b and activations h = relu(z) (h is z for linear layers), and
    /// ∂L/∂z; all `[batchSize, units]`.
    private let z: [UnsafeMutablePointer<Float>], h: [UnsafeMutablePointer<Float>]
    private let dz: [UnsafeMutablePointer<Float>]
    /// ∂L/∂h of the layer below (`[batchSize, inputs]`), for every layer but the first.
    private let dInput: [UnsafeMutablePointer<Float>]
    /// Float64 accumulators for the bias gradients' column sums.
    private let columnSums: UnsafeMutablePointer<Double>
    /// ∂L/∂W and ∂L/∂b in the order of `Sequential.parameters`.
    let gradients: [Tensor]
    /// σ(z) of the last layer, per batch row count (the full batch, and the last, shorter one).
    private var predictions: [Int: Tensor] = [:]

    /// The step for `model`, or nil when the model is not of the kind this step computes
    /// (then `fit` keeps to the graph).
    static func make(for model: Sequential, batchSize: Int) -> DenseTrainingStep? {
        guard let compilation = model.compilation, compilation.loss == .bce, batchSize > 0 else { return nil }
        var shapes: [LayerShape] = []
        for (i, layer) in model.layers.enumerated() {
            let d: Dense
            switch layer {
            case .dense(let dense): d = dense
            case .conv2d, .pooling, .flatten, .batchnorm, .layernorm, .embedding, .dropout, .activation: return nil  // the step computes dense layers only
            }
            guard let w = d.weight, w.rank == 2 else { return nil }
            let last = i == model.layers.count - 1
            if last {
                guard d.activation == .sigmoid, d.units == 1 else { return nil }
            } else {
                guard d.activation == .relu || d.activation == .linear else { return nil }
            }
            shapes.append(LayerShape(inputs: w.shape[0], units: w.shape[1], relu: d.activation == .relu,
                                     hasBias: d.bias != nil))
        }
        guard !shapes.isEmpty, [shapes[0].inputs] == model.inputShape,
              zip(shapes, shapes.dropFirst()).allSatisfy({ $0.units == $1.inputs }) else { return nil }
        var gradients: [Tensor] = []
        do {
            for s in shapes {
                gradients.append(try Tensor.zeros([s.inputs, s.units]))
                if s.hasBias { gradients.append(try Tensor.zeros([s.units])) }
            }
        } catch { return nil }  // over the element limit: the graph path will say so
        return DenseTrainingStep(shapes: shapes, batchSize: batchSize, gradients: gradients)
    }

    private init(shapes: [LayerShape], batchSize: Int, gradients: [Tensor]) {
        self.shapes = shapes
        self.gradients = gradients
        self.batchSize = batchSize
        func buffer(_ count: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(count, 1))
            p.initialize(repeating: 0, count: Swift.max(count, 1))
            return p
        }
        let pre = shapes.map { buffer(batchSize * $0.units) }
        z = pre
        h = shapes.indices.map { shapes[$0].relu ? buffer(batchSize * shapes[$0].units) : pre[$0] }
        dz = shapes.map { buffer(batchSize * $0.units) }
        dInput = shapes.map { buffer(batchSize * $0.inputs) }
        let widest = shapes.map(\.units).max() ?? 1
        columnSums = UnsafeMutablePointer<Double>.allocate(capacity: widest)
        columnSums.initialize(repeating: 0, count: widest)
    }

    deinit {
        for (i, s) in shapes.enumerated() {
            z[i].deallocate()
            if s.relu { h[i].deallocate() }
            dz[i].deallocate()
            dInput[i].deallocate()
        }
        columnSums.deallocate()
    }

    /// Forward and backward on one batch (`x` `[rows, inputs]`, `y` rows targets): the loss,
    /// σ of the logits (for the metrics), and ∂L/∂θ in ``gradients``; nil when even the small
    /// prediction tensor cannot be made (the element limit), and the graph path takes over. `params` are the model's,
    /// in `Sequential.parameters` order (W, then b when the layer has one).
    func run(params: [Tensor], x: Tensor, y: Tensor) -> (loss: Float, prediction: Tensor)? {
        let rows = x.shape.first ?? 0
        precondition(rows > 0 && rows <= batchSize && x.count == rows * shapes[0].inputs && y.count == rows,
                     "DenseTrainingStep: batch \(x.shape) / \(y.shape) for batch size \(batchSize)")
        // The params' and the batch's storage, alive for the step (the caller holds them).
        let weights = layerPointers(params, offset: 0)
        let biases = layerPointers(params, offset: 1)
        let xp = x.withUnsafeBufferPointer { $0.baseAddress ?? UnsafePointer(z[0]) }
        let yp = y.withUnsafeBufferPointer { $0.baseAddress ?? UnsafePointer(z[0]) }

        // Forward: z = x·W + b, h = relu(z), one pass after the product.
        var input = xp
        for (l, s) in shapes.enumerated() {
            gemm(.none, .none, m: rows, n: s.units, k: s.inputs, input, weights[l], into: z[l])
            addBiasAndActivate(l, rows: rows, bias: biases[l])
            input = UnsafePointer(h[l])
        }

        // σ with bce on the logits: L = mean(max(z, 0) − z·t + ln(1 + e^−|z|)), ∂L/∂z = (σ(z) − t)/n.
        let last = shapes.count - 1, logits = z[last]
        var total = 0.0
        for i in 0..<rows {
            let zi = logits[i], t = yp[i]
            total += Double(Swift.max(zi, 0) - zi * t + log1pf(expf(-Swift.abs(zi))))
        }
        let loss = Float(total * 1 / Double(rows))
        let factor: Float = 1 * 1 / Float(rows)  // upstream 1, scale 1, over the n rows
        guard let prediction = predictionTensor(rows: rows) else { return nil }
        let p = Self.base(of: prediction)
        for i in 0..<rows {
            let sigma = stableSigmoid(logits[i])
            p[i] = sigma
            dz[last][i] = factor * (sigma - yp[i])
        }

        // Backward, top down: ∂W = hᵀ·∂z, ∂b = Σ_rows ∂z, ∂h_below = ∂z·Wᵀ, then ∂z_below.
        var k = params.count
        for l in shapes.indices.reversed() {
            let s = shapes[l]
            let below = l == 0 ? xp : UnsafePointer(h[l - 1])
            if s.hasBias {
                k -= 1
                columnSumsOfGradient(l, rows: rows, into: Self.base(of: gradients[k]))
            }
            k -= 1
            gemm(.transposed, .none, m: s.inputs, n: s.units, k: rows, below, dz[l],
                 into: Self.base(of: gradients[k]))
            guard l > 0 else { break }
            gemm(.none, .transposed, m: rows, n: s.inputs, k: s.units, dz[l], weights[l], into: dInput[l])
            activationDerivative(l - 1, rows: rows, upstream: dInput[l])
        }
        return (loss, prediction)
    }

    /// z[l] += b row by row, then h[l] = relu(z[l]): the graph's add and relu, in one pass.
    private func addBiasAndActivate(_ l: Int, rows: Int, bias: UnsafePointer<Float>?) {
        let s = shapes[l], n = s.units
        for r in 0..<rows {
            let zr = z[l] + r * n, hr = h[l] + r * n
            if let bias { for j in 0..<n { zr[j] = zr[j] + bias[j] } }
            if s.relu { for j in 0..<n { let v = zr[j]; hr[j] = v > 0 ? v : 0 } }
        }
    }

    /// ∂z[l] = g · relu′(z[l]) (the graph's relu pullback: a product with 1 or 0); g itself
    /// for a linear layer.
    private func activationDerivative(_ l: Int, rows: Int, upstream g: UnsafeMutablePointer<Float>) {
        let count = rows * shapes[l].units
        let out = dz[l], zl = z[l]
        if shapes[l].relu {
            for i in 0..<count { out[i] = g[i] * (zl[i] > 0 ? 1 : 0) }
        } else {
            out.update(from: g, count: count)
        }
    }

    /// Σ over rows of ∂z[l], accumulated in float64 in row order (the graph's unbroadcast sum).
    private func columnSumsOfGradient(_ l: Int, rows: Int, into db: UnsafeMutablePointer<Float>) {
        let n = shapes[l].units, g = dz[l], acc = columnSums
        acc.update(repeating: 0, count: n)
        for r in 0..<rows {
            let gr = g + r * n
            for j in 0..<n { acc[j] += Double(gr[j]) }
        }
        for j in 0..<n { db[j] = Float(acc[j] * 1) }
    }

    /// For each layer, the base of its W (offset 0) or b (offset 1; nil without a bias).
    private func layerPointers(_ params: [Tensor], offset: Int) -> [UnsafePointer<Float>?] {
        var k = 0
        return shapes.map { s in
            defer { k += s.hasBias ? 2 : 1 }
            guard offset == 0 || s.hasBias else { return nil }
            return params[k + offset].withUnsafeBufferPointer { $0.baseAddress }
        }
    }

    /// The first element of a tensor this step made and writes in place (its gradients and
    /// predictions, which nothing else mutates; written without copy-on-write, which would
    /// copy them because this step keeps a reference).
    private static func base(of tensor: Tensor) -> UnsafeMutablePointer<Float> {
        tensor.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { preconditionFailure("an empty buffer of the step") }
            return UnsafeMutablePointer(mutating: base)
        }
    }

    /// A `[rows, 1]` tensor for σ of the logits, made once per row count.
    private func predictionTensor(rows: Int) -> Tensor? {
        if let cached = predictions[rows] { return cached }
        let made = try? Tensor.zeros([rows, 1])
        predictions[rows] = made
        return made
    }

    /// `C = op(A)·op(B)`, densely stored, as the graph's matmul calls it.
    private func gemm(
        _ ta: Transposition, _ tb: Transposition, m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>?, into c: UnsafeMutablePointer<Float>
    ) {
        guard let b else { return }
        sgemm(ta, tb, m: m, n: n, k: k,
              a: a, lda: Swift.max(ta == .none ? k : m, 1),
              b: b, ldb: Swift.max(tb == .none ? n : k, 1),
              c: c, ldc: Swift.max(n, 1))
    }
}
