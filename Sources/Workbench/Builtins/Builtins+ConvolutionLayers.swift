import Autodiff
import Language
import NN

/// The layer forms of the convolution built-ins: `conv2d(8, 3, padding=same, activation=relu)`,
/// `maxpool2d(2)`, `avgpool2d(2)`, `flatten()`, for `sequential`.
extension Builtins {
    static let conv2dLayerSignature =
        "conv2d(filters, kernel, stride=1, padding=0|same, activation=none, input=[c, h, w], init=glorot|he, bias=true)"

    static func conv2dLayer(_ inv: Invocation) throws(Diagnostic) -> Value {
        try inv.expectArguments(2...2)
        let filters = try inv.integer(0, "filters", minimum: 1), kernel = try inv.integer(1, "kernel", minimum: 1)
        let stride = try inv.optionInteger("stride", default: 1, minimum: 1)
        let padding = try inv.windowPadding()
        var activation = Activation.linear
        if let a = inv.optionValue("activation") { activation = try inv.activation(a, at: inv.optionRange("activation")) }
        var initializer = Initializer.glorot
        if let name = try inv.optionString("init") {
            guard let i = Initializer(rawValue: name) else {
                throw inv.invalid("init", "must be glorot, he or zeros, got \(name)", at: inv.optionRange("init"))
            }
            initializer = i
        }
        let bias = try inv.optionBool("bias", default: true)
        let input = try inv.optionShape("input")
        return .layer(.conv2d(try inv.models { () throws(NNError) in
            try Conv2D(filters: filters, kernelSize: kernel, stride: stride, padding: padding, activation: activation,
                       inputShape: input, initializer: initializer, useBias: bias)
        }))
    }

    static func poolingLayer(_ inv: Invocation, _ reduction: Pooling2D.Reduction) throws(Diagnostic) -> Value {
        try inv.expectArguments(1...1)
        let size = try inv.integer(0, "size", minimum: 1)
        let stride = try inv.optionInteger("stride", minimum: 1)
        let input = try inv.optionShape("input")
        return .layer(.pooling(try inv.models { () throws(NNError) in
            try Pooling2D(reduction, size: size, stride: stride, inputShape: input)
        }))
    }

    static func flattenLayer(_ inv: Invocation) throws(Diagnostic) -> Value {
        try inv.expectArguments(0...0)
        let input = try inv.optionShape("input")
        return .layer(.flatten(try inv.models { () throws(NNError) in try Flatten(inputShape: input) }))
    }
}

extension Invocation {
    /// A per-sample shape option (`input=[1, 8, 8]`, `input=10`, `input=shape(x)`): whole
    /// numbers ≥ 1; nil when not given.
    func optionShape(_ option: String) throws(Diagnostic) -> [Int]? {
        guard let value = optionValue(option) else { return nil }
        let range = optionRange(option)
        let bad = invalid(option, "must be a size or a shape list of whole numbers ≥ 1", at: range,
                          hint: "for example \(option)=[1, 8, 8] for one-channel 8×8 images")
        switch value {
        case .shape(let dims):
            guard !dims.isEmpty, dims.allSatisfy({ $0 >= 1 }) else { throw bad }
            return dims
        case .integer(let n):
            guard n >= 1 else { throw bad }
            return [n]
        default:
            guard let t = value.tensor, t.rank <= 1, t.count >= 1 else { throw bad }
            var dims: [Int] = []
            for x in t.scalars {
                guard x >= 1, x == x.rounded(), x < 1e7 else { throw bad }
                dims.append(Int(x))
            }
            return dims
        }
    }
}
