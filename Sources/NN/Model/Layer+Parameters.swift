import Autodiff

/// A layer's params: their names, which of them train, and how a model replaces, lends out and
/// detaches them — each by an exhaustive switch over the kinds, as in `Layer.swift`.
extension Layer {
    /// The names of the params a layer of this kind has, built or not (`b` is listed for a
    /// dense layer without a bias, which then holds none).
    public var parameterNames: [String] {
        switch self {
        case .dense, .conv2d: ["W", "b"]
        case .batchnorm: ["gamma", "beta", "moving_mean", "moving_var"]
        case .layernorm: ["gamma", "beta"]
        case .embedding: ["W"]
        case .pooling, .flatten, .dropout, .activation: []
        }
    }

    /// The layer's params, in order, with their names and whether they train; empty until built.
    public var namedParameters: [LayerParameter] {
        switch self {
        case .dense(let d):
            [d.weight.map { LayerParameter(name: "W", value: $0, trainable: true) },
             d.bias.map { LayerParameter(name: "b", value: $0, trainable: true) }].compactMap { $0 }
        case .conv2d(let c):
            [c.weight.map { LayerParameter(name: "W", value: $0, trainable: true) },
             c.bias.map { LayerParameter(name: "b", value: $0, trainable: true) }].compactMap { $0 }
        case .batchnorm(let b):
            [b.gamma.map { LayerParameter(name: "gamma", value: $0, trainable: true) },
             b.beta.map { LayerParameter(name: "beta", value: $0, trainable: true) },
             b.movingMean.map { LayerParameter(name: "moving_mean", value: $0, trainable: false) },
             b.movingVariance.map { LayerParameter(name: "moving_var", value: $0, trainable: false) }].compactMap { $0 }
        case .layernorm(let l):
            [l.gamma.map { LayerParameter(name: "gamma", value: $0, trainable: true) },
             l.beta.map { LayerParameter(name: "beta", value: $0, trainable: true) }].compactMap { $0 }
        case .embedding(let e):
            e.weight.map { [LayerParameter(name: "W", value: $0, trainable: true)] } ?? []
        case .pooling, .flatten, .dropout, .activation: []
        }
    }

    /// The layer's params, in order (W, b for dense and conv2d; γ, β, moving mean and variance
    /// for batchnorm; γ, β for layernorm; W for embedding; none otherwise).
    public var parameters: [Tensor] { namedParameters.map(\.value) }

    /// Why param `name` is absent from a built layer of this kind, when the layer was made
    /// without it (`bias=false`); nil when it has it or is not built yet.
    public func absenceReason(ofParameter name: String) -> String? {
        switch self {
        case .dense(let d): name == "b" && !d.useBias ? "this layer has no bias (bias=false)" : nil
        case .conv2d(let c): name == "b" && !c.useBias ? "this layer has no bias (bias=false)" : nil
        case .batchnorm, .layernorm, .embedding, .pooling, .flatten, .dropout, .activation: nil
        }
    }

    /// Replaces the params, in `namedParameters` order (the caller checked count and shapes).
    /// A value that is already a leaf param is used as it is (gradcheck differentiates through
    /// its own leaves); any other value becomes a fresh param labelled `scope.name`.
    mutating func replaceParameters(_ values: [Tensor]) {
        switch self {
        case .dense(var d):
            d.setParameters(weight: values[0], bias: d.useBias ? values[1] : nil)
            self = .dense(d)
        case .conv2d(var c):
            c.setParameters(weight: values[0], bias: c.useBias ? values[1] : nil)
            self = .conv2d(c)
        case .batchnorm(var b):
            b.setParameters(values)
            self = .batchnorm(b)
        case .layernorm(var l):
            l.setParameters(values)
            self = .layernorm(l)
        case .embedding(var e):
            e.setParameters(weight: values[0])
            self = .embedding(e)
        case .pooling, .flatten, .dropout, .activation:
            break
        }
    }

    /// Moves the trainable params (or, with `all`, every param) out of the layer, leaving it
    /// without them, in `namedParameters` order, so that their storage is uniquely referenced
    /// and an optimizer can update it in place.
    mutating func takeParameters(all: Bool = false) -> [Tensor] {
        switch self {
        case .dense(var d):
            let taken = [d.weight, d.bias].compactMap { $0 }
            d.weight = nil
            d.bias = nil
            self = .dense(d)
            return taken
        case .conv2d(var c):
            let taken = [c.weight, c.bias].compactMap { $0 }
            c.weight = nil
            c.bias = nil
            self = .conv2d(c)
            return taken
        case .batchnorm(var b):
            // The moving statistics are not the optimizer's: they stay unless all are taken.
            var taken = [b.gamma, b.beta].compactMap { $0 }
            (b.gamma, b.beta) = (nil, nil)
            if all {
                taken += [b.movingMean, b.movingVariance].compactMap { $0 }
                (b.movingMean, b.movingVariance) = (nil, nil)
            }
            self = .batchnorm(b)
            return taken
        case .layernorm(var l):
            let taken = [l.gamma, l.beta].compactMap { $0 }
            (l.gamma, l.beta) = (nil, nil)
            self = .layernorm(l)
            return taken
        case .embedding(var e):
            let taken = [e.weight].compactMap { $0 }
            e.weight = nil
            self = .embedding(e)
            return taken
        case .pooling, .flatten, .dropout, .activation:
            return []
        }
    }

    /// Puts back what `takeParameters(all:)` took, in the same order, as they are (no relabelling).
    mutating func restoreParameters(_ values: [Tensor], all: Bool = false) {
        switch self {
        case .dense(var d):
            d.weight = values.first
            d.bias = d.useBias && values.count > 1 ? values[1] : nil
            self = .dense(d)
        case .conv2d(var c):
            c.weight = values.first
            c.bias = c.useBias && values.count > 1 ? values[1] : nil
            self = .conv2d(c)
        case .batchnorm(var b):
            (b.gamma, b.beta) = (values.element(0), values.element(1))
            if all { (b.movingMean, b.movingVariance) = (values.element(2), values.element(3)) }
            self = .batchnorm(b)
        case .layernorm(var l):
            (l.gamma, l.beta) = (values.element(0), values.element(1))
            self = .layernorm(l)
        case .embedding(var e):
            e.weight = values.first
            self = .embedding(e)
        case .pooling, .flatten, .dropout, .activation:
            break
        }
    }

    /// A copy whose params are constants, so a forward pass through it records no graph.
    public var detached: Layer {
        var copy = self
        let taken = copy.takeParameters(all: true)
        copy.restoreParameters(taken.map(\.detached), all: true)
        return copy
    }
}

/// One param of a layer: its name within the layer (`W`), its value, and whether the
/// optimizer trains it (false for state such as a moving mean, which a training forward sets).
public struct LayerParameter {
    public let name: String
    public let value: Tensor
    public let trainable: Bool
}

private extension Array {
    /// The element at `i`, or nil past the end (a layer restored without the params it lent out).
    func element(_ i: Int) -> Element? { i < count ? self[i] : nil }
}
