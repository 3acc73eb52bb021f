import Autodiff
import Language
import NN

/// Params, backward and gradients.
extension Builtins {
    static let autodiff: [Builtin] = [
        Builtin("param", .autodiff, signature: "param(t)", summary: "A trainable copy of t that records gradients.",
                example: "w = param(0.5)") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            return .tensor(try inv.tensor(0, "t").detached.param())
        },
        Builtin("backward", .autodiff, signature: "backward(L, seed=, accumulate=false)",
                summary: "Computes ∂L/∂p for every param L depends on (fresh each time unless accumulate=true).",
                example: "backward L", options: ["seed"], flags: ["accumulate"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let l = try inv.tensor(0, "L")
            guard l.requiresGrad else {
                throw inv.failure("\(inv.text(0)) does not depend on any param",
                                  hint: "make the values you want gradients for params: w = param(0.5)")
            }
            try inv.session.checkCurrent(l, name: inv.text(0), at: inv.range(0), command: "backward")
            var seed: Tensor?
            if let v = inv.optionValue("seed") {
                seed = try inv.session.expectTensor(v, function: "backward", argument: "seed", at: inv.optionRange("seed"))
            }
            let accumulate = try inv.optionBool("accumulate", default: false)
            try inv.tensors { () throws(TensorError) in try l.backward(seed: seed, accumulate: accumulate, keepGraph: true) }
            inv.session.recordLoss(l)
            return .nothing
        },
        Builtin("grad", .autodiff, signature: "grad(p)", summary: "∂L/∂p from the last backward (also p.grad).",
                example: "grad(w)") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let p = try inv.tensor(0, "p")
            guard let g = p.grad else {
                throw inv.failure(p.requiresGrad ? "\(inv.text(0)) has no gradient yet" : "\(inv.text(0)) is a constant: it has no gradient",
                                  hint: p.requiresGrad ? inv.session.backwardHint(for: p) : "make it a param: \(inv.text(0)) = param(…)")
            }
            return .tensor(g)
        },
        Builtin("detach", .autodiff, signature: "detach(t)", summary: "The same values, cut off from the graph.",
                example: "detach(w * 2)") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            return .tensor(try inv.tensor(0, "t").detached)
        },
        Builtin("zero_grad", .autodiff, signature: "zero_grad(p, …) or zero_grad(model)",
                summary: "Sets the gradients of params (or of a model's trained params) to zeros.",
                example: "zero_grad w") { inv throws(Diagnostic) in
            try inv.expectArguments(1...Int.max)
            for i in 0..<inv.count {
                let params: [Tensor]
                if case .model(let m) = inv.value(i) { params = m.trainableParameters } else { params = [try inv.tensor(i, "p")] }
                for p in params where p.requiresGrad {
                    p.setGrad(try inv.tensors { () throws(TensorError) in try Tensor.zeros(p.shape) })
                }
            }
            return .nothing
        },
    ]
}
