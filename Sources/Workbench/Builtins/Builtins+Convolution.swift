import Autodiff
import Language

/// Convolution, pooling and flattening as functions of tensors: `conv2d(x, W, b)`,
/// `maxpool2d(x, 2)`, `avgpool2d(x, 2)`, `flatten(x)`, differentiable like every op.
///
/// The same names are layers when their first argument is not a tensor of images
/// (`conv2d(8, 3, padding=same)`, `maxpool2d(2)`, `flatten()`): a call whose first argument
/// is a tensor of rank ≥ 1 is the op; a number or nothing first is the layer form, which
/// `layerForm` answers until the layers exist.
extension Builtins {
    static let convolution: [Builtin] = [
        Builtin("conv2d", .math, signature: "conv2d(x, W, b, stride=1, padding=0|same)",
                summary: "Cross-correlation of images x [n, c, h, w] with kernels W [f, c, kh, kw], plus b [f]: [n, f, h′, w′]. "
                    + "padding=same (stride 1) pads k − 1 zeros per axis, the extra one after, as PyTorch.",
                example: "conv2d(ones(1, 1, 4, 4), ones(1, 1, 2, 2), [0.5], padding=same)",
                options: ["stride", "padding"]) { inv throws(Diagnostic) in
            try inv.expectImages(layerSignature: "conv2d(filters, kernel, stride=, padding=)")
            try inv.expectArguments(2...3)
            let x = try inv.tensor(0, "x"), w = try inv.tensor(1, "W")
            let b = inv.count == 3 ? try inv.tensor(2, "b") : nil
            let stride = try inv.optionInteger("stride", default: 1, minimum: 1)
            let padding = try inv.windowPadding()
            return .tensor(try inv.tensors { () throws(TensorError) in
                try Tensor.conv2d(x, w, bias: b, stride: stride, padding: padding)
            })
        },
        pooling("maxpool2d", "The largest element of each size×size window of x [n, c, h, w], windows stride apart "
                    + "(default: size); the gradient goes to each window's first max, as PyTorch.",
                example: "maxpool2d(reshape(arange(16), 1, 1, 4, 4), 2)") { x, size, stride throws(TensorError) in
            try x.maxPool2d(size: size, stride: stride)
        },
        pooling("avgpool2d", "The mean of each size×size window of x [n, c, h, w], windows stride apart (default: size).",
                example: "avgpool2d(reshape(arange(16), 1, 1, 4, 4), 2)") { x, size, stride throws(TensorError) in
            try x.avgPool2d(size: size, stride: stride)
        },
        Builtin("flatten", .math, signature: "flatten(x)",
                summary: "x [n, …] as [n, rest]: each image of a batch as one row (a reshape).",
                example: "shape(flatten(zeros(2, 3, 4, 4)))") { inv throws(Diagnostic) in
            try inv.expectImages(layerSignature: "flatten()")
            try inv.expectArguments(1...1)
            let x = try inv.tensor(0, "x")
            return .tensor(try inv.tensors { () throws(TensorError) in try x.flattened() })
        },
    ]

    /// `maxpool2d(x, size, stride=size)` and its twin.
    private static func pooling(_ name: String, _ summary: String, example: String,
                                _ f: @escaping @Sendable (Tensor, Int, Int?) throws(TensorError) -> Tensor) -> Builtin {
        Builtin(name, .math, signature: "\(name)(x, size, stride=size)", summary: summary, example: example,
                options: ["stride"]) { inv throws(Diagnostic) in
            try inv.expectImages(layerSignature: "\(name)(size, stride=)")
            try inv.expectArguments(2...2)
            let x = try inv.tensor(0, "x"), size = try inv.integer(1, "size", minimum: 1)
            let stride = try inv.optionInteger("stride", minimum: 1)
            return .tensor(try inv.tensors { () throws(TensorError) in try f(x, size, stride) })
        }
    }
}

extension Invocation {
    /// Refuses the layer form of a convolution built-in (a number, or nothing, where the
    /// images go): the op needs a tensor of images first.
    func expectImages(layerSignature: String) throws(Diagnostic) {
        if count > 0, let t = value(0).tensor, t.rank >= 1 { return }
        throw failure("\(layerSignature) is the layer form, and models do not take convolution layers yet",
                      hint: "as a function, the first argument is a tensor of images: \(builtin.signature)")
    }

    /// `padding=`: a whole number ≥ 0, or `same`.
    func windowPadding() throws(Diagnostic) -> WindowPadding {
        switch optionValue("padding") {
        case nil: return .zeros(0)
        case .string("same")?: return .same
        case .string(let word)?:
            throw invalid("padding", "must be a whole number or same, got \(word)", at: optionRange("padding"))
        default: return .zeros(try optionInteger("padding", default: 0, minimum: 0))
        }
    }
}
