import Autodiff
import Language

/// Creating and reshaping tensors.
extension Builtins {
    static let tensors: [Builtin] = [
        Builtin("zeros", .tensors, signature: "zeros(d1, d2, …)", summary: "A tensor of zeros with the given dimensions.",
                example: "zeros(2, 3)") { inv throws(Diagnostic) in
            let dims = try inv.dimensions()
            return .tensor(try inv.tensors { () throws(TensorError) in try Tensor.zeros(dims) })
        },
        Builtin("ones", .tensors, signature: "ones(d1, d2, …)", summary: "A tensor of ones with the given dimensions.",
                example: "ones(3)") { inv throws(Diagnostic) in
            let dims = try inv.dimensions()
            return .tensor(try inv.tensors { () throws(TensorError) in try Tensor.ones(dims) })
        },
        Builtin("full", .tensors, signature: "full(d1, d2, …, value=v)", summary: "A tensor filled with one value.",
                example: "full(2, 3, value=0.5)", options: ["value"]) { inv throws(Diagnostic) in
            guard let v = try inv.optionNumber("value") else {
                throw inv.invalid("value", "is required", hint: "full(2, 3, value=0.5)")
            }
            let dims = try inv.dimensions()
            return .tensor(try inv.tensors { () throws(TensorError) in try Tensor.full(dims, value: Float(v)) })
        },
        Builtin("eye", .tensors, signature: "eye(n)", summary: "The n×n identity matrix.", example: "eye(3)") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let n = try inv.integer(0, "n", minimum: 0)
            return .tensor(try inv.tensors { () throws(TensorError) in try Tensor.eye(n) })
        },
        Builtin("arange", .tensors, signature: "arange(start, stop, step=1)",
                summary: "start, start + step, … up to but not including stop (one argument: 0 … stop).",
                example: "arange(0, 1, 0.25)") { inv throws(Diagnostic) in
            try inv.expectArguments(1...3)
            let start = inv.count >= 2 ? try inv.number(0, "start") : 0
            let stop = try inv.number(inv.count >= 2 ? 1 : 0, "stop")
            let step = inv.count == 3 ? try inv.number(2, "step") : 1
            return .tensor(try inv.tensors { () throws(TensorError) in try Tensor.arange(start, stop, step: step) })
        },
        Builtin("linspace", .tensors, signature: "linspace(a, b, n)", summary: "n evenly spaced values from a to b, both included.",
                example: "linspace(-1, 1, 5)") { inv throws(Diagnostic) in
            try inv.expectArguments(3...3)
            let a = try inv.number(0, "a"), b = try inv.number(1, "b")
            let n = try inv.integer(2, "n", minimum: 0)
            return .tensor(try inv.tensors { () throws(TensorError) in try Tensor.linspace(a, b, count: n) })
        },
        Builtin("rand", .tensors, signature: "rand(d1, d2, …, seed=)", summary: "Uniform random numbers in [0, 1), from the session's stream (or seed=).",
                example: "rand(2, 2)", options: ["seed"]) { inv throws(Diagnostic) in
            let dims = try inv.dimensions()
            return .tensor(try inv.withRandom { (g: inout RandomGenerator) throws(Diagnostic) in
                try inv.tensors { () throws(TensorError) in try Tensor.uniform(dims, using: &g) }
            })
        },
        Builtin("randn", .tensors, signature: "randn(d1, d2, …, seed=)", summary: "Standard normal random numbers, from the session's stream (or seed=).",
                example: "randn(3, seed=1)", options: ["seed"]) { inv throws(Diagnostic) in
            let dims = try inv.dimensions()
            return .tensor(try inv.withRandom { (g: inout RandomGenerator) throws(Diagnostic) in
                try inv.tensors { () throws(TensorError) in try Tensor.normal(dims, using: &g) }
            })
        },
        Builtin("reshape", .tensors, signature: "reshape(t, d1, d2, …)", summary: "The same values in a new shape; one dimension may be -1.",
                example: "reshape(arange(6), 2, -1)") { inv throws(Diagnostic) in
            try inv.expectArguments(2...Int.max)
            let t = try inv.tensor(0, "t")
            var dims: [Int] = []
            for i in 1..<inv.count { dims.append(try inv.integer(i, "a dimension", minimum: -1)) }
            return .tensor(try inv.tensors { () throws(TensorError) in try t.reshaped(dims) })
        },
        Builtin("transpose", .tensors, signature: "transpose(t)", summary: "The axes reversed (a matrix transposed); also written t.T.",
                example: "transpose([[1, 2], [3, 4]])") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let t = try inv.tensor(0, "t")
            return .tensor(try inv.tensors { () throws(TensorError) in try t.transposed() })
        },
        Builtin("concat", .tensors, signature: "concat(a, b, …, axis=0)", summary: "Tensors joined along an existing axis.",
                example: "concat([1, 2], [3], axis=0)", options: ["axis"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...Int.max)
            let ts = try inv.allTensors()
            let axis = try inv.optionInteger("axis", default: 0)
            return .tensor(try inv.tensors { () throws(TensorError) in try Tensor.concat(ts, axis: axis) })
        },
        Builtin("stack", .tensors, signature: "stack(a, b, …, axis=0)", summary: "Tensors of one shape stacked along a new axis.",
                example: "stack([1, 2], [3, 4], axis=1)", options: ["axis"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...Int.max)
            let ts = try inv.allTensors()
            let axis = try inv.optionInteger("axis", default: 0)
            return .tensor(try inv.tensors { () throws(TensorError) in try Tensor.stack(ts, axis: axis) })
        },
        Builtin("shape", .tensors, signature: "shape(t)", summary: "The dimensions of a tensor (also t.shape).",
                example: "shape(zeros(2, 3))") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            if case .dataset(let d) = inv.value(0) { return .shape(d.x.shape) }
            return .shape(try inv.tensor(0, "t").shape)
        },
    ]
}

extension Invocation {
    /// All positional arguments as dimensions (`zeros(2, 3)`), each a whole number ≥ 0.
    func dimensions() throws(Diagnostic) -> [Int] {
        guard count > 0 else {
            throw .error(.wrongArgumentCount(function: name, expected: "at least one dimension", got: 0),
                         at: callRange, hint: .hintUsage(builtin.signature))
        }
        var dims: [Int] = []
        for i in 0..<count {
            if case .shape(let s) = value(i), count == 1 { return s }
            dims.append(try integer(i, "dimension \(i + 1)", minimum: 0))
        }
        return dims
    }

    /// All positional arguments as tensors.
    func allTensors() throws(Diagnostic) -> [Tensor] {
        var ts: [Tensor] = []
        for i in 0..<count { ts.append(try tensor(i, "argument \(i + 1)")) }
        return ts
    }

    /// Runs `body` with the random stream to use: a fresh one from `seed=` when given,
    /// otherwise the session's own (which then moves on).
    func withRandom<T>(_ body: (inout RandomGenerator) throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        if let seed = try optionInteger("seed", minimum: 0) {
            var g = RandomGenerator(seed: UInt64(seed))
            return try body(&g)
        }
        return try body(&session.random)
    }
}
