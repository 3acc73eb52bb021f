import Matmul

/// 2-D convolution (cross-correlation, as PyTorch and Keras compute it) by im2col on the
/// project's matrix product.
extension Tensor {
    /// y[s, o, i, j] = b[o] + Σ_{c, u, v} W[o, c, u, v] · x[s, c, i·stride + u − top, j·stride + v − left]
    /// (zeros outside x). Shapes: x `[n, c, h, w]`, W `[f, c, kh, kw]`, b `[f]` → y `[n, f, h′, w′]`
    /// with h′ = (h + top + bottom − kh) / stride + 1 (floor), w′ likewise.
    ///
    /// Forward: one product `[f, K] · [K, N]` of W with the patch matrix of the whole batch
    /// (see `ConvolutionGeometry`). Backward, with δ = ∂L/∂y as `[f, N]`:
    /// ∂L/∂W = δ · colsᵀ (Σ over positions of δ ⊗ input patch), ∂L/∂x = col2im(Wᵀ · δ) (the
    /// transposed convolution of δ with W), ∂L/∂b = Σ of δ over images and positions.
    public static func conv2d(
        _ x: Tensor, _ kernel: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: WindowPadding = .zeros(0)
    ) throws(TensorError) -> Tensor {
        let geometry = try ConvolutionGeometry(input: x.shape, kernel: kernel.shape, bias: bias?.shape,
                                               stride: stride, padding: padding)
        let (y, cols) = WindowOpClock.timing(.convolutionForward, flops: geometry.productFlops) {
            let cols = Tensor(uninitializedShape: [geometry.patchSize, geometry.patchCount])
            if geometry.isPadded {
                let padded = Tensor(uninitializedShape: geometry.paddedShape)
                geometry.pad(x.storage.base, into: padded.storage.base)
                geometry.im2col(padded: padded.storage.base, into: cols.storage.base)
            } else {
                geometry.im2col(padded: x.storage.base, into: cols.storage.base)
            }
            let product = Tensor(uninitializedShape: [geometry.filters, geometry.patchCount])
            gemm(.none, .none, m: geometry.filters, n: geometry.patchCount, k: geometry.patchSize,
                 kernel.storage.base, cols.storage.base, into: product.storage.base)
            let y = Tensor(uninitializedShape: geometry.outputShape)
            geometry.imagesFromFilterRows(product.storage.base, bias: bias?.storage.base, into: y.storage.base)
            return (y, cols)
        }

        let requiresGrad = x.requiresGrad || kernel.requiresGrad || bias?.requiresGrad == true
        guard requiresGrad else { return y }
        let op = Op.conv2d(stride: stride, padding: padding)
        let savedCols: Tensor? = kernel.requiresGrad ? cols : nil
        let pullback: Pullback = { g, node in
            // The products made: one for ∂L/∂x, one for ∂L/∂W (counted only when the clock is on).
            WindowOpClock.timing(.convolutionBackward,
                                 flops: ((node.needsGradient(0) ? 1 : 0) + (node.needsGradient(1) ? 1 : 0)) * geometry.productFlops) {
                Tensor.conv2dBackward(g, node, geometry, savedCols: savedCols)
            }
        }
        if let bias { return record(op, inputs: [x, kernel, bias], output: y, pullback: pullback) }
        return record(op, inputs: x, kernel, output: y, pullback: pullback)
    }

    /// conv2d's pullback: the contributions to x, W and b (those that need one) from g = ∂L/∂y.
    private static func conv2dBackward(_ g: Tensor, _ node: Node, _ geometry: ConvolutionGeometry,
                                       savedCols: Tensor?) -> Contributions {
        let delta = Tensor(uninitializedShape: [geometry.filters, geometry.patchCount])
        geometry.filterRowsFromImages(g.storage.base, into: delta.storage.base)
        var dx: Tensor?, dw: Tensor?, db: Tensor?
        if node.needsGradient(0) {
            let dcols = Tensor(uninitializedShape: [geometry.patchSize, geometry.patchCount])
            gemm(.transposed, .none, m: geometry.patchSize, n: geometry.patchCount, k: geometry.filters,
                 node.inputElements(1), delta.storage.base, into: dcols.storage.base)
            let padded = Tensor(zerosOf: geometry.paddedShape)
            geometry.col2im(dcols.storage.base, addingIntoPadded: padded.storage.base)
            if geometry.isPadded {
                let d = Tensor(uninitializedShape: node.inputShape(0))
                geometry.crop(padded.storage.base, into: d.storage.base)
                dx = d
            } else {
                dx = padded
            }
        }
        if node.needsGradient(1), let savedCols {
            let d = Tensor(uninitializedShape: node.inputShape(1))
            gemm(.none, .transposed, m: geometry.filters, n: geometry.patchSize, k: geometry.patchCount,
                 delta.storage.base, savedCols.storage.base, into: d.storage.base)
            dw = d
        }
        if node.inputs.count > 2, node.needsGradient(2) {
            db = geometry.filterSums(delta.storage.base)
        }
        return node.inputs.count > 2 ? Contributions([dx, dw, db]) : Contributions(dx, dw)
    }
}

extension ConvolutionGeometry {
    /// `[f, n·h′·w′]` (the product's layout) to `[n, f, h′, w′]` (the images'), adding b[o] to
    /// every element of filter o when there is a bias.
    func imagesFromFilterRows(_ rowsOfFilters: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                              into images: UnsafeMutablePointer<Float>) {
        for s in 0..<batch {
            for o in 0..<filters {
                let source = rowsOfFilters + o * patchCount + s * positions
                let target = images + (s * filters + o) * positions
                let b = bias?[o] ?? 0
                for p in 0..<positions { target[p] = source[p] + b }
            }
        }
    }

    /// `[n, f, h′, w′]` to `[f, n·h′·w′]`: the upstream gradient in the product's layout.
    func filterRowsFromImages(_ images: UnsafePointer<Float>, into rowsOfFilters: UnsafeMutablePointer<Float>) {
        for s in 0..<batch {
            for o in 0..<filters {
                (rowsOfFilters + o * patchCount + s * positions)
                    .update(from: images + (s * filters + o) * positions, count: positions)
            }
        }
    }

    /// The sum of each filter's row of `[f, N]`: ∂L/∂b.
    ///
    /// Each row is summed from its first column to its last, one float addition after the
    /// other (so the bits are those of the plain loop), but four rows at a time: one chain of
    /// additions waits on the adder's latency after every element, four independent chains
    /// keep it busy (this sum took 5% of a small CNN's step).
    func filterSums(_ rowsOfFilters: UnsafePointer<Float>) -> Tensor {
        let sums = Tensor(uninitializedShape: [filters])
        let out = sums.storage.base
        var o = 0
        while o &+ 4 <= filters {
            let r0 = rowsOfFilters + o &* patchCount, r1 = r0 + patchCount, r2 = r1 + patchCount, r3 = r2 + patchCount
            var (t0, t1, t2, t3): (Float, Float, Float, Float) = (0, 0, 0, 0)
            for p in 0..<patchCount {
                t0 += r0[p]
                t1 += r1[p]
                t2 += r2[p]
                t3 += r3[p]
            }
            (out[o], out[o &+ 1], out[o &+ 2], out[o &+ 3]) = (t0, t1, t2, t3)
            o &+= 4
        }
        for rest in o..<filters {
            let row = rowsOfFilters + rest &* patchCount
            var total: Float = 0
            for p in 0..<patchCount { total += row[p] }
            out[rest] = total
        }
        return sums
    }
}

/// conv2d's formulas and replay (`⋆` is cross-correlation).
struct Conv2dRule: OpRule {
    let stride: Int
    let padding: WindowPadding
    var name: String { "conv2d" }
    func formula(_ x: OpOperands) -> String {
        x.names.count > 2 ? "\(factor(x.a)) ⋆ \(factor(x.b)) + \(x.names[2])" : "\(factor(x.a)) ⋆ \(factor(x.b))"
    }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String {
        switch index {
        case 0: "δ ⋆ᵀ \(factor(x.b))  (transposed convolution)"
        case 1: "Σ over positions of δ ⊗ patch of \(factor(x.a))"
        default: "Σ of δ over n, h′, w′"
        }
    }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor {
        try Tensor.conv2d(x.a, x.b, bias: x.all.count > 2 ? x.all[2] : nil, stride: stride, padding: padding)
    }
}
