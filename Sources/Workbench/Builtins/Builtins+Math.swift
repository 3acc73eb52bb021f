import Autodiff
import Language

/// Elementwise functions, softmax, reductions and the matrix product.
/// The activations among them (`relu`, `sigmoid`, `tanh`, `softmax`, `gelu`, `leaky_relu`)
/// are also activation layers when passed to `sequential` or `dense` by name.
extension Builtins {
    /// A rounding function: its result is a constant (its derivative is 0 wherever it exists),
    /// so it records no op, as heaviside; indices for an embedding are made with it
    /// (`floor(rand(64, 5) * 10)`).
    private static func rounding(_ name: String, _ summary: String, _ example: String,
                                 _ f: @escaping @Sendable (Float) -> Float) -> Builtin {
        unary(name, summary + " Not differentiable: the result is a constant.", example) { $0.detached.map(f) }
    }

    static let math: [Builtin] = [
        unary("exp", "eˣ, elementwise.", "exp(1)") { $0.exp() },
        unary("log", "The natural logarithm, elementwise.", "log(exp(2))") { $0.log() },
        unary("sqrt", "The square root, elementwise.", "sqrt([4, 9])") { $0.sqrt() },
        unary("abs", "The absolute value, elementwise.", "abs([-1, 2])") { $0.abs() },
        unary("sin", "The sine, elementwise.", "sin(0)") { $0.sin() },
        unary("cos", "The cosine, elementwise.", "cos(0)") { $0.cos() },
        unary("tanh", "The hyperbolic tangent, elementwise (also an activation).", "tanh([-1, 0, 1])") { $0.tanh() },
        unary("sigmoid", "σ(x) = 1/(1 + e⁻ˣ), elementwise (also an activation).", "sigmoid(0)") { $0.sigmoid() },
        unary("relu", "max(0, x), elementwise (also an activation).", "relu([-1, 2])") { $0.relu() },
        unary("gelu", "x·Φ(x), elementwise (also an activation).", "gelu(1)") { $0.gelu() },
        Builtin("heaviside", .math, signature: "heaviside(x)",
                summary: "1 where x > 0, else 0 (NumPy's heaviside(x, 0)): relu′ written out. Not differentiable.",
                example: "heaviside([-1, 0, 2])") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            return .tensor(try inv.tensor(0, "x").detached.map { $0 > 0 ? 1 : 0 })
        },
        rounding("floor", "The largest whole number ≤ x, elementwise (NumPy's floor).", "floor([-1.5, 0.2, 2.7])") { $0.rounded(.down) },
        rounding("ceil", "The smallest whole number ≥ x, elementwise (NumPy's ceil).", "ceil([-1.5, 0.2, 2.7])") { $0.rounded(.up) },
        rounding("round", "The nearest whole number, halves to the even one, elementwise (NumPy's round).",
                 "round([0.5, 1.5, 2.4])") { $0.rounded(.toNearestOrEven) },
        Builtin("leaky_relu", .math, signature: "leaky_relu(x, slope=0.01)", summary: "x where x > 0, else slope·x (also an activation).",
                example: "leaky_relu([-1, 2], 0.1)", options: ["slope"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...2)
            let slope = inv.count == 2 ? try inv.number(1, "slope") : try inv.optionNumber("slope", default: 0.01)
            return .tensor(try inv.tensor(0, "x").leakyRelu(slope: Float(slope)))
        },
        Builtin("softmax", .math, signature: "softmax(x, axis=-1)", summary: "e^xᵢ / Σⱼ e^xⱼ along an axis (also an activation).",
                example: "softmax([1, 2, 3])", options: ["axis"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let x = try inv.tensor(0, "x"), axis = try inv.optionInteger("axis", default: -1)
            return .tensor(try inv.tensors { () throws(TensorError) in try x.softmax(axis: axis) })
        },
        Builtin("log_softmax", .math, signature: "log_softmax(x, axis=-1)", summary: "log(softmax(x)), computed stably.",
                example: "log_softmax([1, 2, 3])", options: ["axis"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let x = try inv.tensor(0, "x"), axis = try inv.optionInteger("axis", default: -1)
            return .tensor(try inv.tensors { () throws(TensorError) in try x.logSoftmax(axis: axis) })
        },
        reduction("sum", "The sum of all elements, or along axis=.", "sum([[1, 2], [3, 4]], axis=0)") { t, a, k throws(TensorError) in try t.sum(axis: a, keepDims: k) },
        reduction("mean", "The mean of all elements, or along axis=.", "mean([1, 2, 3])") { t, a, k throws(TensorError) in try t.mean(axis: a, keepDims: k) },
        reduction("max", "The largest element, or along axis=.", "max([3, 1, 2])") { t, a, k throws(TensorError) in try t.max(axis: a, keepDims: k) },
        reduction("min", "The smallest element, or along axis=.", "min([3, 1, 2])") { t, a, k throws(TensorError) in try t.min(axis: a, keepDims: k) },
        reduction("argmax", "The index of the largest element (flat), or along axis=.", "argmax([[1, 5], [7, 2]], axis=1)") { t, a, k throws(TensorError) in try t.argmax(axis: a, keepDims: k) },
        reduction("norm", "The Euclidean norm √Σx², or along axis=.", "norm([3, 4])") { t, a, k throws(TensorError) in try t.norm(axis: a, keepDims: k) },
        truthReduction("any", "true when some element of t is non-zero (NumPy's any): one truth value for if and while.",
                       "any([0, 2, 0] > 1)") { $0.anyNonZero },
        truthReduction("all", "true when every element of t is non-zero (NumPy's all): one truth value for if and while.",
                       "all([1, 2, 3] > 0)") { $0.allNonZero },
        Builtin("matmul", .math, signature: "matmul(a, b)", summary: "The matrix product a @ b.",
                example: "matmul([[1, 2]], [[3], [4]])") { inv throws(Diagnostic) in
            try inv.expectArguments(2...2)
            let a = try inv.tensor(0, "a"), b = try inv.tensor(1, "b")
            return .tensor(try inv.tensors { () throws(TensorError) in try Tensor.matmul(a, b) })
        },
        Builtin("pow", .math, signature: "pow(a, b)", summary: "a^b elementwise (also written a^b).", example: "pow(2, 10)") { inv throws(Diagnostic) in
            try inv.expectArguments(2...2)
            let a = try inv.tensor(0, "a"), b = try inv.tensor(1, "b")
            return .tensor(try inv.tensors { () throws(TensorError) in try Tensor.pow(a, b) })
        },
    ]

    /// A one-tensor elementwise function.
    private static func unary(_ name: String, _ summary: String, _ example: String,
                              _ f: @escaping @Sendable (Tensor) -> Tensor) -> Builtin {
        Builtin(name, .math, signature: "\(name)(x)", summary: summary, example: example) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            return .tensor(f(try inv.tensor(0, "x")))
        }
    }

    /// A whole tensor to one boolean (`any`, `all`); a boolean stays itself.
    private static func truthReduction(_ name: String, _ summary: String, _ example: String,
                                       _ f: @escaping @Sendable (Tensor) -> Bool) -> Builtin {
        Builtin(name, .math, signature: "\(name)(t)", summary: summary, example: example) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            if case .bool(let b) = inv.value(0) { return .bool(b) }
            return .bool(f(try inv.tensor(0, "t")))
        }
    }

    /// A reduction with `axis=` and `keepdims=`.
    private static func reduction(_ name: String, _ summary: String, _ example: String,
                                  _ f: @escaping @Sendable (Tensor, Int?, Bool) throws(TensorError) -> Tensor) -> Builtin {
        Builtin(name, .math, signature: "\(name)(x, axis=, keepdims=false)", summary: summary, example: example,
                options: ["axis", "keepdims"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let x = try inv.tensor(0, "x")
            let axis = try inv.optionInteger("axis")
            let keep = try inv.optionBool("keepdims", default: false)
            let result = try inv.tensors { () throws(TensorError) in try f(x, axis, keep) }
            // An index is a count, and prints as one (`2`, not `2.0000`).
            if name == "argmax", result.rank == 0, let index = result.scalar { return .integer(Int(index)) }
            return .tensor(result)
        }
    }
}
