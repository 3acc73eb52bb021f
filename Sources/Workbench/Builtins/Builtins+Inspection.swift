import Autodiff
import Language
import NN

/// Looking at values, models, gradients and the workspace.
extension Builtins {
    static let inspection: [Builtin] = [
        Builtin("show", .inspection, signature: "show(x, all)",
                summary: "A value in full: a tensor's shape header then its values (elided beyond 1,000 elements, as NumPy prints; all shows every one).",
                example: "show randn(2, 3, seed=0)", flags: ["all"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            if case .tensor(let t) = inv.value(0), t.rank == 0 {
                inv.print("number\n" + inv.session.numberFormat.format(t.scalar ?? .nan))
            } else if case .tensor(let t) = inv.value(0) {
                let all = try inv.optionBool("all", default: false)
                let formatter = TensorFormatter(numbers: inv.session.numberFormat,
                                                wholeUpTo: all ? Int.max : TensorFormatter.numPyThreshold)
                inv.print(formatter.format(t))
            } else {
                inv.print(inv.session.render(inv.value(0)))
            }
            return .nothing
        },
        Builtin("summary", .inspection, signature: "summary(model)", summary: "Layers, output shapes and param counts, as Keras prints them (headed by the model's workspace name).",
                example: "summary model") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            // Keras names a model when it is made; here the workspace name is its name.
            inv.print(ModelSummary.render(try inv.model(0), name: inv.argument(0).name ?? "sequential"))
            return .nothing
        },
        Builtin("grads", .inspection, signature: "grads(model) or grads(p, …)",
                summary: "Per param: shape, ‖g‖, mean, max|g| and the last update's size relative to the param.",
                example: "grads model") { inv throws(Diagnostic) in
            try inv.expectArguments(1...Int.max)
            var rows: [GradientTable.Row] = []
            for i in 0..<inv.count {
                if case .model(let m) = inv.value(i) {
                    for ((p, ratio), trains) in zip(zip(m.namedParameters, m.updateRatiosByParameter), m.trainableFlags) {
                        rows.append(.init(name: p.name, param: p.value, updateRatio: ratio, trainable: trains))
                    }
                } else {
                    rows.append(.init(name: inv.text(i), param: try inv.tensor(i, "p"), updateRatio: nil))
                }
            }
            inv.print(GradientTable(numbers: inv.session.numberFormat).render(rows))
            return .nothing
        },
        Builtin("stats", .inspection, signature: "stats(t)", summary: "Shape, mean, std, min, max, norm, and counts of zeros (with their share, to one decimal) and non-finite values.",
                example: "stats randn(100, seed=1)") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            inv.print(TensorStatistics(try inv.tensor(0, "t")).render(inv.session.numberFormat))
            return .nothing
        },
        Builtin("vars", .inspection, signature: "vars", summary: "The workspace: each name, its kind and its shape or size.",
                example: "vars") { inv throws(Diagnostic) in
            try inv.expectArguments(0...0)
            inv.print(WorkspaceTable.render(inv.session))
            return .nothing
        },
    ]
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
