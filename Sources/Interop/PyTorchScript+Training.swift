import NN

extension PyTorchScript {
    /// `adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-07)`, as the docstring shows it.
    func optimizerDescription(_ t: TrainingSettings) -> String {
        let lr = PyTorchScript.pythonFloat(t.learningRate)
        switch t.optimizer {
        case let .sgd(momentum, nesterov):
            return "sgd(lr=\(lr), momentum=\(PyTorchScript.pythonFloat(momentum)), nesterov=\(nesterov))"
        case let .adam(b1, b2, eps):
            return "adam(lr=\(lr), beta1=\(PyTorchScript.pythonFloat(b1)), beta2=\(PyTorchScript.pythonFloat(b2)), eps=\(PyTorchScript.pythonFloat(eps)))"
        case let .adamw(b1, b2, eps, decay):
            return "adamw(lr=\(lr), weight_decay=\(PyTorchScript.pythonFloat(decay)), beta1=\(PyTorchScript.pythonFloat(b1)), beta2=\(PyTorchScript.pythonFloat(b2)), eps=\(PyTorchScript.pythonFloat(eps)))"
        case let .rmsprop(rho, eps):
            return "rmsprop(lr=\(lr), rho=\(PyTorchScript.pythonFloat(rho)), eps=\(PyTorchScript.pythonFloat(eps)))"
        }
    }

    var optimizerFunction: String {
        guard let t = training else {
            return #"""
            LEARNING_RATE = None


            def make_optimizer(params, lr):
                raise SystemExit("the model was not compiled in gradbook, so there is no optimizer to continue with")
            """#
        }
        let f = PyTorchScript.pythonFloat
        let (comment, call): (String, String)
        switch t.optimizer {
        case let .sgd(momentum, nesterov):
            comment = """
                # Keras keeps m ← μ·m − α·g and adds it; PyTorch keeps b ← μ·b + g and subtracts α·b.
                # With a constant learning rate m = −α·b, so the steps are the same.
            """
            call = momentum > 0
                ? "torch.optim.SGD(params, lr=lr, momentum=\(f(momentum)), nesterov=\(nesterov ? "True" : "False"))"
                : "torch.optim.SGD(params, lr=lr)"
        case let .adam(b1, b2, eps):
            comment = PyTorchScript.adamEpsilonNote
            call = "torch.optim.Adam(params, lr=lr, betas=(\(f(b1)), \(f(b2))), eps=\(f(eps)))"
        case let .adamw(b1, b2, eps, decay):
            comment = PyTorchScript.adamEpsilonNote + """

                # Both decay decoupled from the gradient, θ ← θ − α·λ·θ before the Adam step; the
                # weight decay is passed explicitly (Keras's default is 0.004, PyTorch's 0.01).
            """
            call = "torch.optim.AdamW(params, lr=lr, betas=(\(f(b1)), \(f(b2))), eps=\(f(eps)), weight_decay=\(f(decay)))"
        case let .rmsprop(rho, eps):
            comment = """
                # Keras divides by √(v + ε), PyTorch by √v + ε: the same away from v ≈ 0. PyTorch calls
                # ρ `alpha` (its default is 0.99, Keras's 0.9).
            """
            call = "torch.optim.RMSprop(params, lr=lr, alpha=\(f(rho)), eps=\(f(eps)))"
        }
        return #"""
        LEARNING_RATE = \#(f(t.learningRate))


        def make_optimizer(params, lr):
            """gradbook's \#(optimizerDescription(t)) with Keras-equivalent PyTorch settings."""
        \#(comment)
            return \#(call)
        """#
    }

    static let adamEpsilonNote = """
        # Keras adds ε to √v before bias correction, PyTorch to √v̂ after it, so PyTorch's ε acts
        # like a Keras ε of ε·√(1 − β₂ᵗ): smaller in the first steps, the same as t grows. With
        # ε = 1e-7 the difference is negligible; eps is passed explicitly (PyTorch's default is 1e-8).
    """

    var lossFunction: String {
        guard let t = training else {
            return #"""
            def compute_loss(net, x, y):
                raise SystemExit("the model was not compiled in gradbook, so there is no loss to train with")
            """#
        }
        let head = split.head
        let (doc, body): (String, String)
        switch t.loss {
        case .mse:
            (doc, body) = ("mean squared error", "p = net(x)\n    return F.mse_loss(p, y.reshape(p.shape)), p")
        case .mae:
            (doc, body) = ("mean absolute error", "p = net(x)\n    return F.l1_loss(p, y.reshape(p.shape)), p")
        case .bce where head == .sigmoid:
            (doc, body) = ("binary cross-entropy after the sigmoid, computed on the logits as gradbook fuses it\n    # (equal in value, and never the log of a rounded 0 or 1)",
                           "z = net(x, logits=True)\n    return F.binary_cross_entropy_with_logits(z, y.reshape(z.shape)), head_of(net)(z)")
        case .bce:
            (doc, body) = ("binary cross-entropy on probabilities clipped to [ε, 1 − ε], as Keras and gradbook clip them",
                           "p = net(x)\n    q, t = p.clamp(EPSILON, 1 - EPSILON), y.reshape(p.shape)\n    return -(t * torch.log(q) + (1 - t) * torch.log(1 - q)).mean(), p")
        case .bceLogits:
            (doc, body) = ("binary cross-entropy on the model's outputs taken as logits",
                           "z = net(x)\n    return F.binary_cross_entropy_with_logits(z, y.reshape(z.shape)), z")
        case .crossEntropy where head == .softmax:
            (doc, body) = ("cross-entropy after the softmax, computed on the softmax's logits as gradbook fuses it\n    # (softmax once: PyTorch's cross_entropy takes logits)",
                           "z = net(x, logits=True)\n    return F.cross_entropy(z, y.reshape(-1).long()), head_of(net)(z)")
        case .crossEntropy:
            (doc, body) = ("cross-entropy of the outputs taken as logits against class indices\n    # (PyTorch's cross_entropy, which gradbook's cross_entropy is)",
                           "z = net(x)\n    return F.cross_entropy(z, y.reshape(-1).long()), z")
        case .categoricalCrossEntropy where head == .softmax:
            (doc, body) = ("categorical cross-entropy after the softmax, computed as the log-softmax of the logits\n    # as gradbook fuses it",
                           "z = net(x, logits=True)\n    return -(y.reshape(z.shape) * F.log_softmax(z, dim=-1)).sum(dim=-1).mean(), head_of(net)(z)")
        case .categoricalCrossEntropy:
            (doc, body) = ("categorical cross-entropy on probabilities clipped to [ε, 1 − ε], as Keras and gradbook clip them",
                           "p = net(x)\n    return -(y.reshape(p.shape) * torch.log(p.clamp(EPSILON, 1 - EPSILON))).sum(dim=-1).mean(), p")
        }
        return #"""
        EPSILON = 1e-7  # Keras's epsilon(), gradbook's probability clip


        def head_of(net):
            """The model's last activation, also when DistributedDataParallel wraps the model."""
            return getattr(net, "module", net).head


        def compute_loss(net, x, y):
            """gradbook's `\#(t.loss.rawValue)` and the predictions of the same forward pass (for the metrics)."""
            # \#(doc).
            \#(body)
        """#
    }

    var metricsFunction: String {
        let names = training?.metrics.map(\.rawValue) ?? []
        return #"""
        METRICS = [\#(names.map(PyTorchScript.pythonString).joined(separator: ", "))]


        def metric_sums(p, y):
            """Each metric summed over the rows of a batch (gradbook's definitions)."""
            sums = []
            for name in METRICS:
                if name == "accuracy":
                    if p.shape[-1] == 1:
                        hit = (p.reshape(-1) > 0.5) == (y.reshape(-1) >= 0.5)
                    elif y.dim() == 2 and y.shape == p.shape:
                        hit = p.argmax(dim=-1) == y.argmax(dim=-1)
                    else:
                        hit = p.argmax(dim=-1) == y.reshape(-1).long()
                    sums.append(hit.float().sum().item())
                else:
                    d = p - y.reshape(p.shape)
                    per_element = d * d if name == "mse" else d.abs()
                    sums.append(per_element.sum().item() / p.shape[-1])
            return sums
        """#
    }
}
