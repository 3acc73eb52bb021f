import NN

extension PyTorchScript {
    /// The layers up to the last activation, which is split off as `head` so that a loss that
    /// gradbook computes before it (bce after a sigmoid, categorical cross-entropy after a
    /// softmax) can be computed on the logits here too.
    var split: (body: [String], head: Activation) {
        var body: [String] = []
        var head = Activation.linear
        for (i, layer) in architecture.layers.enumerated() {
            let isLast = i == architecture.layers.count - 1
            switch layer {
            case let .dense(name, inputs, units, activation, bias):
                body.append("(\(PyTorchScript.pythonString(name)), nn.Linear(\(inputs), \(units)\(bias ? "" : ", bias=False"))),")
                if isLast {
                    head = activation
                } else if activation != .linear {
                    body.append("(\(PyTorchScript.pythonString(name + "_" + activation.rawValue)), \(PyTorchScript.module(activation))),")
                }
            case .conv2d, .pooling, .flatten, .batchnorm, .layernorm, .embedding:
                break  // PyTorchExport.write refuses these layers before a script is made
            case let .dropout(name, rate):
                body.append("(\(PyTorchScript.pythonString(name)), nn.Dropout(\(JSONValue.format(rate)))),")
            case let .activation(name, activation):
                if isLast {
                    head = activation
                } else {
                    body.append("(\(PyTorchScript.pythonString(name)), \(PyTorchScript.module(activation))),")
                }
            }
        }
        return (body, head)
    }

    /// The PyTorch module computing `activation` exactly as gradbook does.
    static func module(_ activation: Activation) -> String {
        switch activation {
        case .linear: "nn.Identity()"
        case .relu: "nn.ReLU()"
        case .sigmoid: "nn.Sigmoid()"
        case .tanh: "nn.Tanh()"
        case .softmax: "nn.Softmax(dim=-1)"
        case .gelu: "nn.GELU()"  // exact x·Φ(x), PyTorch's default, as gradbook computes it
        case .leakyRelu: "nn.LeakyReLU(0.01)"
        }
    }

    var modelClass: String {
        let (body, head) = split
        let layers = body.map { "            " + $0 }.joined(separator: "\n")
        return #"""
        class GradbookModel(nn.Module):
            """The gradbook model as a module: `body` holds every layer but the last activation,
            `head` is that activation. forward(x) returns what gradbook's `predict` returns;
            forward(x, logits=True) stops before `head` (for losses computed on logits)."""

            def __init__(self):
                super().__init__()
                self.body = nn.Sequential(OrderedDict([
        \#(layers)
                ]))
                self.head = \#(PyTorchScript.module(head))

            def forward(self, x, logits=False):
                z = self.body(x)
                return z if logits else self.head(z)

            def dense_layers(self):
                """(gradbook name, nn.Linear) for every dense layer, in order."""
                return [(name, m) for name, m in self.body.named_children() if isinstance(m, nn.Linear)]
        """#
    }
}
