import Autodiff
import Language
import NN

/// Layers, models, optimizers, losses and metrics.
extension Builtins {
    static let models: [Builtin] = [
        Builtin("dense", .models, signature: "dense(units, activation, input=n, init=glorot|he|zeros, bias=true)",
                summary: "A fully connected layer: activation(x · W + b), W of shape [in, units].",
                example: "dense(128, relu, input=10)", options: ["input", "init", "bias", "activation"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...2)
            let units = try inv.integer(0, "units", minimum: 1)
            var activation = Activation.linear
            if inv.count == 2 { activation = try inv.activation(inv.value(1), at: inv.range(1)) }
            if let a = inv.optionValue("activation") { activation = try inv.activation(a, at: inv.optionRange("activation")) }
            let input = try inv.optionInteger("input", minimum: 1)
            var initializer = Initializer.glorot
            if let name = try inv.optionString("init") {
                guard let i = Initializer(rawValue: name) else {
                    throw inv.invalid("init", "must be glorot, he or zeros, got \(name)", at: inv.optionRange("init"))
                }
                initializer = i
            }
            let bias = try inv.optionBool("bias", default: true)
            return .layer(.dense(try inv.models { () throws(NNError) in
                try Dense(units: units, activation: activation, inputSize: input, initializer: initializer, useBias: bias)
            }))
        },
        Builtin("dropout", .models, signature: "dropout(p, input=)", summary: "Zeroes each input with probability p during training (scaled by 1/(1 − p)); input= declares the model's input when it is the first layer.",
                example: "dropout(0.2)", options: ["input"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let p = try inv.number(0, "p")
            let input = try inv.optionShape("input")
            return .layer(.dropout(try inv.models { () throws(NNError) in try Dropout(rate: Float(p), inputShape: input) }))
        },
        Builtin("sequential", .models, signature: "sequential(layer, …)",
                summary: "A model of layers applied in order; shapes are checked and weights drawn now.",
                example: "model = sequential(dense(8, relu, input=2), dense(1, sigmoid))") { inv throws(Diagnostic) in
            try inv.expectArguments(1...Int.max)
            var layers: [Layer] = []
            for i in 0..<inv.count {
                switch inv.value(i) {
                case .layer(let l): layers.append(l)
                case .builtin(let name) where Activation(name: name) != nil:
                    layers.append(.activation(Activation(name: name) ?? .linear, name: name))
                case .list(let items):
                    for item in items { if case .layer(let l) = item { layers.append(l) } }
                default:
                    throw inv.kindError(i, "layer \(i + 1)", expected: "a layer (dense, conv2d, maxpool2d, avgpool2d, flatten, dropout or an activation)")
                }
            }
            let session = inv.session
            return .model(try inv.models { () throws(NNError) in try Sequential(layers, using: &session.random) })
        },
        Builtin("compile", .models, signature: "compile(model, optimizer=adam, loss=bce, metrics=accuracy)",
                summary: "Sets how a model learns (optimizer), what it minimises (loss) and what it reports (metrics).",
                example: "compile model optimizer=adam(lr=0.001) loss=bce metrics=accuracy",
                options: ["optimizer", "loss", "metrics"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            var model = try inv.model(0)
            let optimizer = try inv.optimizer(inv.optionValue("optimizer") ?? .builtin("adam"), at: inv.optionRange("optimizer"))
            guard let lossValue = inv.optionValue("loss") else {
                throw inv.invalid("loss", "is required", hint: "for example loss=bce, loss=mse or loss=cross_entropy")
            }
            let loss = try inv.lossFunction(lossValue, at: inv.optionRange("loss"))
            var metrics: [Metric] = []
            if let m = inv.optionValue("metrics") {
                let items: [Value] = { if case .list(let l) = m { return l } else { return [m] } }()
                for item in items { metrics.append(try inv.metric(item, at: inv.optionRange("metrics"))) }
            }
            try inv.models { () throws(NNError) in try model.checkLoss(loss) }
            model.compilation = Compilation(optimizer: optimizer, loss: loss, metrics: metrics)
            model.forgetPausedFit()  // its optimizer state is gone: nothing to resume
            inv.storeBack(0, .model(model))
            return .nothing
        },
        optimizerBuiltin("sgd", "sgd(lr=0.01, momentum=0, nesterov=false)", "Stochastic gradient descent, with optional (Nesterov) momentum.",
                         "sgd(lr=0.1, momentum=0.9)", options: ["lr", "momentum", "nesterov"]) { inv throws(Diagnostic) in
            let lr = Float(try inv.learningRate(0.01)), momentum = Float(try inv.optionNumber("momentum", default: 0))
            let nesterov = try inv.optionBool("nesterov", default: false)
            return try inv.models { () throws(NNError) in try Optimizer.sgd(lr: lr, momentum: momentum, nesterov: nesterov) }
        },
        optimizerBuiltin("adam", "adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7)", "Adam with bias correction (Keras's defaults).",
                         "adam(lr=0.001)", options: ["lr", "beta1", "beta2", "eps"]) { inv throws(Diagnostic) in
            let lr = Float(try inv.learningRate(0.001))
            let b1 = Float(try inv.optionNumber("beta1", default: 0.9)), b2 = Float(try inv.optionNumber("beta2", default: 0.999))
            let eps = Float(try inv.optionNumber("eps", default: 1e-7))
            return try inv.models { () throws(NNError) in try Optimizer.adam(lr: lr, beta1: b1, beta2: b2, epsilon: eps) }
        },
        optimizerBuiltin("adamw", "adamw(lr=0.001, weight_decay=0.004, beta1=0.9, beta2=0.999, eps=1e-7)", "Adam with decoupled weight decay.",
                         "adamw(lr=0.001, weight_decay=0.01)", options: ["lr", "weight_decay", "beta1", "beta2", "eps"]) { inv throws(Diagnostic) in
            let lr = Float(try inv.learningRate(0.001)), wd = Float(try inv.optionNumber("weight_decay", default: 0.004))
            let b1 = Float(try inv.optionNumber("beta1", default: 0.9)), b2 = Float(try inv.optionNumber("beta2", default: 0.999))
            let eps = Float(try inv.optionNumber("eps", default: 1e-7))
            return try inv.models { () throws(NNError) in try Optimizer.adamw(lr: lr, weightDecay: wd, beta1: b1, beta2: b2, epsilon: eps) }
        },
        optimizerBuiltin("rmsprop", "rmsprop(lr=0.001, rho=0.9, eps=1e-7)", "RMSprop: steps scaled by a running RMS of the gradient.",
                         "rmsprop(lr=0.001)", options: ["lr", "rho", "eps"]) { inv throws(Diagnostic) in
            let lr = Float(try inv.learningRate(0.001)), rho = Float(try inv.optionNumber("rho", default: 0.9))
            let eps = Float(try inv.optionNumber("eps", default: 1e-7))
            return try inv.models { () throws(NNError) in try Optimizer.rmsprop(lr: lr, rho: rho, epsilon: eps) }
        },
        lossBuiltin(.mse, "Mean squared error: mean((p − t)²). As a loss for compile it takes the outputs as they are: a last layer without activation for a continuous target.",
                    "mse([1, 2], [1, 3])"),
        lossBuiltin(.mae, "Mean absolute error: mean(|p − t|). As a loss for compile it takes the outputs as they are, like mse.",
                    "mae([1, 2], [1, 3])"),
        lossBuiltin(.bce, "Binary cross-entropy on probabilities p against targets in [0, 1]. For compile: after dense(1, sigmoid), fused with the sigmoid for stability (as Keras does).",
                    "bce([0.9, 0.2], [1, 0])"),
        lossBuiltin(.bceLogits, "Binary cross-entropy on logits z (σ fused in, stable). For compile: a last layer without activation.",
                    "bce_logits([2, -1], [1, 0])"),
        lossBuiltin(.crossEntropy, "Cross-entropy of logits [n, k] against class indices [n]. For compile: after dense(k, softmax) it takes the softmax's probabilities, fused (softmax runs once, as in Keras); or logits from a last layer without activation.",
                    "cross_entropy([[2, 0, 1]], [0])"),
        lossBuiltin(.categoricalCrossEntropy, "Cross-entropy of probabilities [n, k] against one-hot targets [n, k]. For compile: after dense(k, softmax), fused with it.",
                    "categorical_cross_entropy([[0.7, 0.3]], [[1, 0]])"),
        Builtin("accuracy", .models, signature: "accuracy(p, t)",
                summary: "The fraction of rows predicted right (binary: p > 0.5 is a 1, as Keras counts; multiclass by argmax); also a metric for compile.",
                example: "accuracy([0.9, 0.2], [1, 1])") { inv throws(Diagnostic) in
            try inv.expectArguments(2...2)
            let p = try inv.tensor(0, "p"), t = try inv.tensor(1, "t")
            let rows = p.shape.first ?? 1
            let pred = p.rank == 1 ? (try inv.tensors { () throws(TensorError) in try p.reshaped([rows, 1]) }) : p
            guard t.shape.first == rows else { throw inv.invalid("t", "has \(t.shape.first ?? 1) rows, p has \(rows)") }
            return .tensor(Tensor(Float(Metric.accuracy.batchTotal(prediction: pred, target: t) / Double(max(rows, 1)))))
        },
    ]

    private static func optimizerBuiltin(
        _ name: String, _ signature: String, _ summary: String, _ example: String, options: [String],
        make: @escaping @Sendable (inout Invocation) throws(Diagnostic) -> Optimizer
    ) -> Builtin {
        let summary = summary + " lr is a number or a schedule (step_decay, exp_decay, cosine, warmup)."
        return Builtin(name, .models, signature: signature, summary: summary, example: example, options: options) { inv throws(Diagnostic) in
            try inv.expectArguments(0...1)
            var optimizer = try make(&inv)
            if let schedule = inv.learningRateSchedule() { optimizer.follow(schedule) }
            return .optimizer(optimizer)
        }
    }

    private static func lossBuiltin(_ loss: LossFunction, _ summary: String, _ example: String) -> Builtin {
        Builtin(loss.rawValue, .models, signature: "\(loss.rawValue)(p, t)", summary: summary,
                example: example) { inv throws(Diagnostic) in
            try inv.expectArguments(2...2)
            let p = try inv.tensor(0, "p"), t = try inv.tensor(1, "t")
            return .tensor(try inv.tensors { () throws(TensorError) in try loss(p, t) })
        }
    }
}

extension Invocation {
    /// An activation named by a built-in (`relu`) or a string (`"relu"`).
    func activation(_ v: Value, at range: SourceRange) throws(Diagnostic) -> Activation {
        let name: String?
        switch v {
        case .builtin(let n), .string(let n): name = n
        default: name = nil
        }
        let activations = Activation.allCases.map(\.rawValue)
        if let name, Activation(name: name) == nil {
            throw unknownChoice(name, argument: "activation", kind: "activation", among: activations, at: range)
        }
        guard let name, let a = Activation(name: name) else {
            throw .error(.wrongArgumentKind(function: self.name, argument: "activation", expected: "an activation (\(activations.joined(separator: ", ")))", got: v.kind),
                         at: range)
        }
        return a
    }

    func optimizer(_ v: Value, at range: SourceRange) throws(Diagnostic) -> Optimizer {
        switch v {
        case .optimizer(let o): return o
        case .builtin(let n), .string(let n):
            if let kind = Optimizer.Name(rawValue: n) { return Optimizer.withDefaults(kind) }
            throw unknownChoice(n, argument: "optimizer", kind: "optimizer", among: Optimizer.Name.allCases.map(\.rawValue), at: range)
        default: break
        }
        throw .error(.wrongArgumentKind(function: name, argument: "optimizer", expected: "an optimizer (\(Optimizer.Name.allCases.map(\.rawValue).joined(separator: ", ")))", got: v.kind), at: range)
    }

    func lossFunction(_ v: Value, at range: SourceRange) throws(Diagnostic) -> LossFunction {
        switch v {
        case .builtin(let n), .string(let n):
            if let l = LossFunction(rawValue: n) { return l }
            throw unknownChoice(n, argument: "loss", kind: "loss", among: LossFunction.allCases.map(\.rawValue), at: range)
        default: break
        }
        throw .error(.wrongArgumentKind(function: name, argument: "loss", expected: "a loss (\(LossFunction.allCases.map(\.rawValue).joined(separator: ", ")))", got: v.kind), at: range)
    }

    func metric(_ v: Value, at range: SourceRange) throws(Diagnostic) -> Metric {
        switch v {
        case .builtin(let n), .string(let n):
            if let m = Metric(rawValue: n) { return m }
            throw unknownChoice(n, argument: "metrics", kind: "metric", among: Metric.allCases.map(\.rawValue), at: range)
        default: break
        }
        throw .error(.wrongArgumentKind(function: name, argument: "metrics", expected: "a metric (\(Metric.allCases.map(\.rawValue).joined(separator: ", ")))", got: v.kind), at: range)
    }

    /// A word that names none of the choices (`loss=msee`): the near ones, or all of them.
    func unknownChoice(_ word: String, argument: String, kind: String, among choices: [String], at range: SourceRange) -> Diagnostic {
        let close = suggestions(for: word, among: choices)
        return .error(.unknownChoice(function: name, argument: argument, word: word, kind: kind), at: range,
                      hint: close.isEmpty ? .hintAdvice("the choices are \(choices.joined(separator: ", "))") : .hintDidYouMean(close),
                      notes: close.isEmpty ? [] : [.init(.hintAdvice("the choices are \(choices.joined(separator: ", "))"))])
    }

    /// `lr=` or a first positional argument (`adam(0.01)`), else the default; for a schedule,
    /// its first epoch's rate (the optimizer then follows the schedule).
    func learningRate(_ fallback: Double) throws(Diagnostic) -> Double {
        if let schedule = learningRateSchedule() { return schedule.rate(atEpoch: 0) }
        if count == 1 { return try number(0, "lr") }
        return try optionNumber("lr", default: fallback)
    }
}
