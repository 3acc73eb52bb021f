import NN

/// A model's layer stack as plain data: what the safetensors metadata records (so `import`
/// can say which model a file came from) and what the PyTorch exporter rebuilds.
public struct ModelArchitecture: Equatable, Sendable {
    /// One layer, with everything needed to rebuild it.
    public enum LayerSpec: Equatable, Sendable {
        case dense(name: String, inputs: Int, units: Int, activation: Activation, bias: Bool)
        case conv2d(name: String, channels: Int, filters: Int, kernel: Int, stride: Int, padding: String,
                    activation: Activation, bias: Bool)
        /// `kind` is `maxpool2d` or `avgpool2d`.
        case pooling(name: String, kind: String, size: Int, stride: Int)
        case flatten(name: String)
        /// `inputRank` is 1 for samples `[features]`, 3 for images `[channels, h, w]`.
        case batchnorm(name: String, channels: Int, inputRank: Int, momentum: Double, eps: Double)
        /// Normalizes over the last axis, of `features` values.
        case layernorm(name: String, features: Int, eps: Double)
        /// `length` indices per sample into a `[vocab, dim]` table.
        case embedding(name: String, vocab: Int, dim: Int, length: Int)
        case dropout(name: String, rate: Double)
        case activation(name: String, Activation)
    }

    public var inputSize: Int
    public var layers: [LayerSpec]

    public init(inputSize: Int, layers: [LayerSpec]) {
        self.inputSize = inputSize
        self.layers = layers
    }

    /// The architecture of a built model.
    public init(_ model: Sequential) {
        inputSize = model.inputSize
        var width = model.inputSize
        layers = zip(model.layers, model.layerOutputSizes).map { layer, output in
            defer { width = output }
            switch layer {
            case .dense(let d):
                return .dense(name: d.name, inputs: width, units: d.units, activation: d.activation, bias: d.useBias)
            case .conv2d(let c):
                return .conv2d(name: c.name, channels: c.inputShape?.first ?? 0, filters: c.filters, kernel: c.kernelSize,
                               stride: c.stride, padding: c.padding.description, activation: c.activation, bias: c.useBias)
            case .pooling(let p):
                return .pooling(name: p.name, kind: layer.kind.name, size: p.size, stride: p.stride)
            case .flatten(let f):
                return .flatten(name: f.name)
            case .batchnorm(let b):
                return .batchnorm(name: b.name, channels: b.sampleShape?.first ?? 0, inputRank: b.sampleShape?.count ?? 0,
                                  momentum: ModelArchitecture.decimal(b.momentum), eps: ModelArchitecture.decimal(b.eps))
            case .layernorm(let l):
                return .layernorm(name: l.name, features: l.gamma?.count ?? 0, eps: ModelArchitecture.decimal(l.eps))
            case .embedding(let e):
                return .embedding(name: e.name, vocab: e.vocab, dim: e.dim, length: width)
            case .dropout(let d):
                return .dropout(name: d.name, rate: ModelArchitecture.decimal(d.rate))
            case .activation(let a, let name):
                return .activation(name: name, a)
            }
        }
    }

    /// A Float as the Double of its shortest text, so 0.2 is stored as 0.2, not 0.20000000298.
    static func decimal(_ x: Float) -> Double { Double("\(x)") ?? Double(x) }

    /// One line: `10 → dense_0 128 relu → dropout_0 0.2 → dense_1 1 sigmoid`.
    public var summary: String {
        let parts = layers.map { layer -> String in
            switch layer {
            case let .dense(name, _, units, activation, bias):
                "\(name) \(units)" + (activation == .linear ? "" : " \(activation.rawValue)") + (bias ? "" : " no-bias")
            case let .conv2d(name, _, filters, kernel, _, _, activation, _):
                "\(name) \(filters)×\(kernel)×\(kernel)" + (activation == .linear ? "" : " \(activation.rawValue)")
            case let .pooling(name, _, size, _): "\(name) \(size)"
            case let .flatten(name): name
            case let .batchnorm(name, _, _, momentum, eps):
                name + (momentum == ModelArchitecture.decimal(BatchNorm.defaultMomentum) ? "" : " momentum=\(JSONValue.format(momentum))")
                    + (eps == ModelArchitecture.decimal(BatchNorm.defaultEps) ? "" : " eps=\(JSONValue.format(eps))")
            case let .layernorm(name, _, eps): name + (eps == ModelArchitecture.decimal(LayerNorm.defaultEps) ? "" : " eps=\(JSONValue.format(eps))")
            case let .embedding(name, vocab, dim, _): "\(name) \(vocab)×\(dim)"
            case let .dropout(name, rate): "\(name) \(JSONValue.format(rate))"
            case let .activation(name, _): name
            }
        }
        return ([String(inputSize)] + parts).joined(separator: " → ")
    }

    /// `{"input": 10, "layers": [{"type": "dense", "name": "dense_0", "units": 128, …}, …]}`.
    public var json: JSONValue {
        .object([
            "input": .int(inputSize),
            "layers": .array(layers.map { layer in
                switch layer {
                case let .dense(name, inputs, units, activation, bias):
                    .object(["type": .string("dense"), "name": .string(name), "inputs": .int(inputs),
                             "units": .int(units), "activation": .string(activation.rawValue), "bias": .bool(bias)])
                case let .conv2d(name, channels, filters, kernel, stride, padding, activation, bias):
                    .object(["type": .string("conv2d"), "name": .string(name), "channels": .int(channels),
                             "filters": .int(filters), "kernel": .int(kernel), "stride": .int(stride),
                             "padding": .string(padding), "activation": .string(activation.rawValue), "bias": .bool(bias)])
                case let .pooling(name, kind, size, stride):
                    .object(["type": .string(kind), "name": .string(name), "size": .int(size), "stride": .int(stride)])
                case let .flatten(name):
                    .object(["type": .string("flatten"), "name": .string(name)])
                case let .batchnorm(name, channels, inputRank, momentum, eps):
                    .object(["type": .string("batchnorm"), "name": .string(name), "channels": .int(channels),
                             "input_rank": .int(inputRank), "momentum": .double(momentum), "eps": .double(eps)])
                case let .layernorm(name, features, eps):
                    .object(["type": .string("layernorm"), "name": .string(name), "features": .int(features), "eps": .double(eps)])
                case let .embedding(name, vocab, dim, length):
                    .object(["type": .string("embedding"), "name": .string(name), "vocab": .int(vocab), "dim": .int(dim),
                             "length": .int(length)])
                case let .dropout(name, rate):
                    .object(["type": .string("dropout"), "name": .string(name), "rate": .double(rate)])
                case let .activation(name, activation):
                    .object(["type": .string("activation"), "name": .string(name), "activation": .string(activation.rawValue)])
                }
            }),
        ])
    }

    /// Reads `json` back; nil when it is not an architecture this version understands.
    public init?(json: JSONValue) {
        guard let input = json["input"]?.intValue, let items = json["layers"]?.arrayValue else { return nil }
        var layers: [LayerSpec] = []
        for item in items {
            guard let type = item["type"]?.stringValue, let name = item["name"]?.stringValue else { return nil }
            switch type {
            case "dense":
                guard let inputs = item["inputs"]?.intValue, let units = item["units"]?.intValue,
                      let activation = item["activation"]?.stringValue.flatMap(Activation.init(rawValue:)),
                      let bias = item["bias"]?.boolValue else { return nil }
                layers.append(.dense(name: name, inputs: inputs, units: units, activation: activation, bias: bias))
            case "conv2d":
                guard let channels = item["channels"]?.intValue, let filters = item["filters"]?.intValue,
                      let kernel = item["kernel"]?.intValue, let stride = item["stride"]?.intValue,
                      let padding = item["padding"]?.stringValue,
                      let activation = item["activation"]?.stringValue.flatMap(Activation.init(rawValue:)),
                      let bias = item["bias"]?.boolValue else { return nil }
                layers.append(.conv2d(name: name, channels: channels, filters: filters, kernel: kernel, stride: stride,
                                      padding: padding, activation: activation, bias: bias))
            case "maxpool2d", "avgpool2d":
                guard let size = item["size"]?.intValue, let stride = item["stride"]?.intValue else { return nil }
                layers.append(.pooling(name: name, kind: type, size: size, stride: stride))
            case "flatten":
                layers.append(.flatten(name: name))
            case "batchnorm":
                guard let channels = item["channels"]?.intValue, let inputRank = item["input_rank"]?.intValue,
                      let momentum = item["momentum"]?.doubleValue, let eps = item["eps"]?.doubleValue else { return nil }
                layers.append(.batchnorm(name: name, channels: channels, inputRank: inputRank, momentum: momentum, eps: eps))
            case "layernorm":
                guard let features = item["features"]?.intValue, let eps = item["eps"]?.doubleValue else { return nil }
                layers.append(.layernorm(name: name, features: features, eps: eps))
            case "embedding":
                guard let vocab = item["vocab"]?.intValue, let dim = item["dim"]?.intValue,
                      let length = item["length"]?.intValue else { return nil }
                layers.append(.embedding(name: name, vocab: vocab, dim: dim, length: length))
            case "dropout":
                guard let rate = item["rate"]?.doubleValue else { return nil }
                layers.append(.dropout(name: name, rate: rate))
            case "activation":
                guard let activation = item["activation"]?.stringValue.flatMap(Activation.init(rawValue:)) else { return nil }
                layers.append(.activation(name: name, activation))
            default:
                return nil
            }
        }
        self.init(inputSize: input, layers: layers)
    }
}
