import Autodiff
import Language

/// Convolution, pooling and flattening as functions of tensors: `conv2d(x, W, b)`,
/// `maxpool2d(x, 2)`, `avgpool2d(x, 2)`, `flatten(x)`, differentiable like every op.
///
/// The same names are layers when their first argument is not a tensor of images
/// (`conv2d(8, 3, padding=same)`, `maxpool2d(2)`, `flatten()`): a call whose first argument
/// is a tensor of rank ≥ 1 is the op; a number or nothing first is the layer form
/// (Builtins+ConvolutionLayers.swift builds those).
extension Builtins {
    static let convolution: [Builtin] = [
        Builtin("conv2d", .math, signature: "conv2d(x, W, b, stride=1, padding=0|same)",
                summary: "Cross-correlation of images x [n, c, h, w] with kernels W [f, c, kh, kw], plus b [f]: [n, f, h′, w′]. "
                    + "padding=same (stride 1) pads k − 1 zeros per axis, the extra one after, as PyTorch. "
                    + "As a layer, \(conv2dLayerSignature): W [filters, c, kernel, kernel], b [filters], "
                    + "params conv2d_0.W, conv2d_0.b.",
                example: "conv2d(ones(1, 1, 4, 4), ones(1, 1, 2, 2), [0.5], padding=same)",
                options: ["stride", "padding", "activation", "input", "init", "bias"]) { inv throws(Diagnostic) in
            if inv.isLayerForm { return try conv2dLayer(inv) }
            try inv.expectOpForm(layerOptions: ["activation", "input", "init", "bias"])
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
                summary: "x [n, …] as [n, rest]: each image of a batch as one row (a reshape). "
                    + "As a layer, flatten(input=[c, h, w]): [c, h, w] samples to [c·h·w], no params.",
                example: "shape(flatten(zeros(2, 3, 4, 4)))", options: ["input"]) { inv throws(Diagnostic) in
            if inv.isLayerForm { return try flattenLayer(inv) }
            try inv.expectOpForm(layerOptions: ["input"])
            try inv.expectArguments(1...1)
            let x = try inv.tensor(0, "x")
            return .tensor(try inv.tensors { () throws(TensorError) in try x.flattened() })
        },
    ]

    /// `maxpool2d(x, size, stride=size)` and its twin.
    private static func pooling(_ name: String, _ summary: String, example: String,
                                _ f: @escaping @Sendable (Tensor, Int, Int?) throws(TensorError) -> Tensor) -> Builtin {
        Builtin(name, .math, signature: "\(name)(x, size, stride=size)",
                summary: summary + " As a layer, \(name)(size, stride=size, input=[c, h, w]): no params.", example: example,
                options: ["stride", "input"]) { inv throws(Diagnostic) in
            if inv.isLayerForm { return try poolingLayer(inv, name == "maxpool2d" ? .max : .average) }
            try inv.expectOpForm(layerOptions: ["input"])
            try inv.expectArguments(2...2)
            let x = try inv.tensor(0, "x"), size = try inv.integer(1, "size", minimum: 1)
            let stride = try inv.optionInteger("stride", minimum: 1)
            return .tensor(try inv.tensors { () throws(TensorError) in try f(x, size, stride) })
        }
    }
}

extension Invocation {
    /// Whether a convolution built-in is called as a layer: a number, or nothing, where the
    /// op's tensor of images goes.
    var isLayerForm: Bool {
        guard count > 0, let t = value(0).tensor else { return true }
        return t.rank == 0
    }

    /// Refuses options of the layer form in a call of the op.
    func expectOpForm(layerOptions: [String]) throws(Diagnostic) {
        for option in layerOptions where has(option) {
            throw invalid(option, "is an option of the layer form, not of the function on tensors",
                          at: optionRange(option), hint: "the function's form is \(builtin.signature)")
        }
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
