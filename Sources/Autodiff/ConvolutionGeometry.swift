/// The sizes of one 2-D convolution, checked, and the copies that turn it into a matrix
/// product: the input padded with its zero border, im2col (patches of the padded input to the
/// columns of a matrix) and its adjoint col2im.
///
/// Shapes: x `[n, c, h, w]`, W `[f, c, kh, kw]`, y `[n, f, h′, w′]`. The patch matrix is
/// `[K, N]` with K = c·kh·kw (one row per kernel tap, in W's own order, so W is already the
/// `[f, K]` left operand) and N = n·h′·w′ (one column per output position of every image);
/// then `y = W · cols` for the whole batch in one product.
struct ConvolutionGeometry: Sendable {
    let batch: Int
    let channels: Int
    let filters: Int
    let rows: WindowAxis
    let columns: WindowAxis

    /// Checks the shapes of a convolution: ranks, channels, the kernel against the padded input,
    /// the stride and padding, the bias, and that the output and patch matrix can be allocated.
    init(input: [Int], kernel: [Int], bias: [Int]?, stride: Int, padding: WindowPadding) throws(TensorError) {
        guard input.count == 4 else {
            throw .rankMismatch(op: "conv2d", expected: "images [n, channels, height, width]", shape: input)
        }
        guard kernel.count == 4 else {
            throw .rankMismatch(op: "conv2d", expected: "a kernel [filters, channels, kh, kw]", shape: kernel)
        }
        guard kernel[1] == input[1] else {
            throw .windowMismatch(op: "conv2d", input: input, window: kernel,
                                  problem: "the kernel has \(kernel[1]) input channels, the input \(input[1])",
                                  fix: "W's second size is the input's channels: W of shape [\(kernel[0]), \(input[1]), \(kernel[2]), \(kernel[3])]")
        }
        if let bias, bias != [kernel[0]] {
            throw .windowMismatch(op: "conv2d", input: input, window: kernel,
                                  problem: "the bias has shape \(bias), the kernel \(kernel[0]) filters",
                                  fix: "b has one element per filter: shape [\(kernel[0])]")
        }
        let axes = try Tensor.windowAxes(op: "conv2d", input: input, window: kernel, kernelHeight: kernel[2],
                                         kernelWidth: kernel[3], stride: stride, padding: padding)
        batch = input[0]
        channels = input[1]
        filters = kernel[0]
        rows = axes.rows
        columns = axes.columns
        _ = try ShapeMath.elementCount(outputShape)
        _ = try ShapeMath.elementCount([patchSize, batch, rows.positions, columns.positions])
        _ = try ShapeMath.elementCount(paddedShape)
    }

    var outputShape: [Int] { [batch, filters, rows.positions, columns.positions] }
    /// K: the elements of one patch (one kernel's taps over every channel).
    var patchSize: Int { channels * rows.window * columns.window }
    /// h′·w′: the output positions of one image.
    var positions: Int { rows.positions * columns.positions }
    /// N: the columns of the patch matrix, every position of every image.
    var patchCount: Int { batch * positions }
    /// The FLOPs of one of the convolution's matrix products (the forward's, ∂L/∂W's and the
    /// patches' gradient are all f × K × N multiply-adds), two per multiply-add.
    var productFlops: Int { 2 * filters * patchSize * patchCount }

    /// The input with its zero border: `[n, c, h + top + bottom, w + left + right]`.
    var paddedShape: [Int] {
        [batch, channels, rows.size + rows.before + rows.after, columns.size + columns.before + columns.after]
    }
    var isPadded: Bool { rows.before + rows.after + columns.before + columns.after > 0 }

    /// Copies x (`[n, c, h, w]`) into the middle of `padded` (`paddedShape`), zeros around it.
    func pad(_ x: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>) {
        let (h, w, ph, pw) = (rows.size, columns.size, paddedShape[2], paddedShape[3])
        padded.update(repeating: 0, count: batch * channels * ph * pw)
        for plane in 0..<batch * channels {
            for i in 0..<h {
                ShortRows.copy(x + (plane * h + i) * w, to: padded + (plane * ph + i + rows.before) * pw + columns.before, count: w)
            }
        }
    }

    /// The inverse of `pad`: the middle of `padded` copied into dx (`[n, c, h, w]`).
    func crop(_ padded: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>) {
        let (h, w, ph, pw) = (rows.size, columns.size, paddedShape[2], paddedShape[3])
        for plane in 0..<batch * channels {
            for i in 0..<h {
                ShortRows.copy(padded + (plane * ph + i + rows.before) * pw + columns.before, to: dx + (plane * h + i) * w, count: w)
            }
        }
    }

    /// Writes the patch matrix `[K, N]` of the padded input (`paddedShape`) into `cols`:
    /// row (ci, ki, kj), column (s, oy, ox) holds xpad[s, ci, oy·stride + ki, ox·stride + kj].
    ///
    /// Reading a padded copy leaves no bounds to test in the loop: the rows of small images
    /// are a few elements long, and a test per edge cost more than the copy itself.
    func im2col(padded x: UnsafePointer<Float>, into cols: UnsafeMutablePointer<Float>) {
        let (ph, pw) = (paddedShape[2], paddedShape[3])
        let (oh, ow, sy, sx) = (rows.positions, columns.positions, rows.stride, columns.stride)
        forEachTap { row, ci, ki, kj in
            for s in 0..<batch {
                let plane: Int = s &* channels &+ ci
                let corner = x + ((plane &* ph &+ ki) &* pw &+ kj)
                var out = cols + (row &* patchCount &+ s &* positions)
                for oy in 0..<oh {
                    let line = corner + (oy &* sy &* pw)
                    if sx == 1 {
                        ShortRows.copy(line, to: out, count: ow)
                    } else {
                        for ox in 0..<ow { out[ox] = line[ox &* sx] }
                    }
                    out += ow
                }
            }
        }
    }

    /// The adjoint of `im2col`: adds every entry of `cols` (`[K, N]`) into the element of the
    /// padded input (`paddedShape`, starting at zero) it was copied from.
    func col2im(_ cols: UnsafePointer<Float>, addingIntoPadded dx: UnsafeMutablePointer<Float>) {
        let (ph, pw) = (paddedShape[2], paddedShape[3])
        let (oh, ow, sy, sx) = (rows.positions, columns.positions, rows.stride, columns.stride)
        forEachTap { row, ci, ki, kj in
            for s in 0..<batch {
                let plane: Int = s &* channels &+ ci
                let corner = dx + ((plane &* ph &+ ki) &* pw &+ kj)
                var source = cols + (row &* patchCount &+ s &* positions)
                for oy in 0..<oh {
                    let line = corner + (oy &* sy &* pw)
                    if sx == 1 {
                        ShortRows.add(source, into: line, count: ow)
                    } else {
                        for ox in 0..<ow { line[ox &* sx] += source[ox] }
                    }
                    source += ow
                }
            }
        }
    }

    /// Calls `body(row, channel, ki, kj)` for every row of the patch matrix, in W's order.
    private func forEachTap(_ body: (Int, Int, Int, Int) -> Void) {
        var row = 0
        for ci in 0..<channels {
            for ki in 0..<rows.window {
                for kj in 0..<columns.window {
                    body(row, ci, ki, kj)
                    row += 1
                }
            }
        }
    }
}
