import Autodiff
import NN

extension PyTorchScript {
    /// The layers up to the last activation, which is split off as `head` so that a loss that
    /// gradbook computes before it (bce after a sigmoid, categorical cross-entropy after a
    /// softmax) can be computed on the logits here too.
    var split: (body: [String], head: Activation) {
        var body: [String] = []
        var head = Activation.linear
        func add(_ name: String, _ module: String) {
            body.append("(\(PyTorchScript.pythonString(name)), \(module)),")
        }
        /// A layer's own activation: the head when the layer is the last, else a module after it.
        func activate(_ activation: Activation, after name: String, isLast: Bool) {
            if isLast {
                head = activation
            } else if activation != .linear {
                add(name + "_" + activation.rawValue, PyTorchScript.module(activation))
            }
        }
        for (i, layer) in architecture.layers.enumerated() {
            let isLast = i == architecture.layers.count - 1
            switch layer {
            case let .dense(name, inputs, units, activation, bias):
                add(name, "nn.Linear(\(inputs), \(units)\(bias ? "" : ", bias=False"))")
                activate(activation, after: name, isLast: isLast)
            case let .conv2d(name, channels, filters, kernel, stride, padding, activation, bias):
                var padding = padding
                if padding == "same", kernel % 2 == 0 {
                    // PyTorch's 'same' pads an even kernel as gradbook does, the odd zero after,
                    // but warns at every call that it copies the input to do so; the pad is
                    // written out instead.
                    let (before, after) = WindowPadding.same.amounts(window: kernel)
                    add(name + "_pad", "nn.ZeroPad2d((\(before), \(after), \(before), \(after)))")
                    padding = "0"
                }
                add(name, PyTorchScript.conv2dModule(channels: channels, filters: filters, kernel: kernel,
                                                     stride: stride, padding: padding, bias: bias))
                activate(activation, after: name, isLast: isLast)
            case let .pooling(name, kind, size, stride):
                // Both pool whole windows only (no padding, floor), as PyTorch's defaults do.
                add(name, "nn.\(kind == "maxpool2d" ? "MaxPool2d" : "AvgPool2d")(\(size), stride=\(stride))")
            case let .flatten(name):
                add(name, "nn.Flatten()")  // from axis 1 on, row-major: channel by channel, as gradbook's
            case let .batchnorm(name, channels, inputRank, momentum, eps):
                // Over the features of [n, f] or the channels of [n, c, h, w]; see batchNormNote.
                let f = JSONValue.format
                add(name, "nn.BatchNorm\(inputRank == 3 ? 2 : 1)d(\(channels), eps=\(f(eps)), momentum=\(f(PyTorchScript.torchMomentum(momentum))))")
            case let .layernorm(name, features, eps):
                add(name, "nn.LayerNorm(\(features), eps=\(JSONValue.format(eps)))")  // over the last axis, biased variance, as gradbook
            case let .embedding(name, vocab, dim, _):
                add(name, "nn.Embedding(\(vocab), \(dim))")  // W [vocab, dim] in both
            case let .dropout(name, rate):
                add(name, "nn.Dropout(\(JSONValue.format(rate)))")
            case let .activation(name, activation):
                if isLast {
                    head = activation
                } else {
                    add(name, PyTorchScript.module(activation))
                }
            }
        }
        return (body, head)
    }

    /// `nn.Conv2d(1, 8, 3, stride=1, padding='same')`: gradbook's `same` pads k − 1 zeros per axis,
    /// the odd one after, as PyTorch's `'same'` does. W `[filters, c, kh, kw]` is already PyTorch's.
    static func conv2dModule(channels: Int, filters: Int, kernel: Int, stride: Int, padding: String, bias: Bool) -> String {
        let padding = padding == "same" ? "'same'" : padding
        return "nn.Conv2d(\(channels), \(filters), \(kernel), stride=\(stride), padding=\(padding)\(bias ? "" : ", bias=False"))"
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

    /// The forward's lines before `return`. A model of images first reshapes: the rows a data
    /// file holds, `INPUTS` features each, become the declared input `[c, h, w]` (a batch of
    /// images passes unchanged).
    var forwardLines: [String] {
        var lines: [String] = []
        if architecture.inputShape.count > 1 {
            lines.append("x = x.reshape(-1, *INPUT_SHAPE)  # rows of INPUTS features, as data files hold them, to [n, c, h, w]")
        }
        if case let .embedding(_, vocab, _, _)? = architecture.layers.first {
            lines.append("x = as_indices(x, \(vocab))  # the rows' numbers, read as floats, to nn.Embedding's long indices")
        }
        return lines + ["z = self.body(x)"]
    }

    var modelClass: String {
        let (body, head) = split
        let layers = body.map { "            " + $0 }.joined(separator: "\n")
        let forward = forwardLines.map { "        " + $0 }.joined(separator: "\n")
        let note = batchNormNote.map { "        " + $0 + "\n" }.joined()
        return #"""
        \#(indexCheck)class GradbookModel(nn.Module):
            """The gradbook model as a module: `body` holds every layer but the last activation,
            `head` is that activation. forward(x) returns what gradbook's `predict` returns;
            forward(x, logits=True) stops before `head` (for losses computed on logits)."""

            def __init__(self):
                super().__init__()
        \#(note)        self.body = nn.Sequential(OrderedDict([
        \#(layers)
                ]))
                self.head = \#(PyTorchScript.module(head))

            def forward(self, x, logits=False):
        \#(forward)
                return z if logits else self.head(z)

            def gradbook_tensors(self):
                """(gradbook name, tensor, whether gradbook stores it transposed) for every param and
                moving statistic, in order."""
                for name, m in self.body.named_children():
                    if isinstance(m, (nn.Linear, nn.Conv2d)):
                        # A dense W is [in, out] in gradbook, [out, in] here; a conv kernel is
                        # [filters, c, kh, kw] in both.
                        yield name + ".W", m.weight, isinstance(m, nn.Linear)
                        if m.bias is not None:
                            yield name + ".b", m.bias, False
                    elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d, nn.LayerNorm)):
                        yield name + ".gamma", m.weight, False
                        yield name + ".beta", m.bias, False
                        if not isinstance(m, nn.LayerNorm):
                            yield name + ".moving_mean", m.running_mean, False
                            yield name + ".moving_var", m.running_var, False
                    elif isinstance(m, nn.Embedding):
                        yield name + ".W", m.weight, False
        """#
    }
}
