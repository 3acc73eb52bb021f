import Autodiff

extension Sequential {
    /// The compiled loss of the model on a batch, with its graph, and the predictions
    /// (after the final activation, detached).
    ///
    /// When the loss fuses with the final activation (σ with bce, softmax with cross_entropy or
    /// categorical cross-entropy) the loss takes the last layer's probabilities — softmax is not
    /// applied twice — and the graph ends in the fused, numerically stable op on its logits.
    public func lossGraph(
        x: Tensor, y: Tensor, training: Bool = false, generator: inout RandomGenerator
    ) throws(NNError) -> (loss: Tensor, prediction: Tensor) {
        var updates = LayerStateUpdates()
        return try lossGraph(x: x, y: y, training: training, generator: &generator, updates: &updates)
    }

    /// `lossGraph`, recording the new values of non-trainable state in `updates` (for the
    /// training step to apply once it is taken).
    func lossGraph(
        x: Tensor, y: Tensor, training: Bool, generator: inout RandomGenerator, updates: inout LayerStateUpdates
    ) throws(NNError) -> (loss: Tensor, prediction: Tensor) {
        guard let compilation else { throw .notCompiled }
        let lossFunction = compilation.loss
        try checkTargets(y, rows: x.shape.first ?? 1, loss: lossFunction)
        let (logits, activation) = try forwardLogits(x, training: training, generator: &generator, updates: &updates)
        do {
            if let fused = try lossFunction.fused(logits: logits, activation: activation, target: y) {
                return (fused.scoped("loss"), try activation.apply(logits.detached))
            }
            let prediction = try activation.apply(logits).scoped(layers.last?.name ?? "output")
            return (try lossFunction(prediction, y).scoped("loss"), prediction.detached)
        } catch {
            throw .tensor(error, layer: "loss")
        }
    }

    /// Runs `body` on the trainable params (with `all`, every param) moved out of the layers (so
    /// that their storage is uniquely referenced and an optimizer can update it in place), then
    /// puts them back.
    mutating func updateParameters(all: Bool = false, _ body: (inout [Tensor]) -> Void) {
        var params: [Tensor] = []
        var counts: [Int] = []
        for i in layers.indices {
            let taken = layers[i].takeParameters(all: all)
            params += taken
            counts.append(taken.count)
        }
        body(&params)
        var k = 0
        for (i, count) in zip(layers.indices, counts) {
            layers[i].restoreParameters(Array(params[k..<(k + count)]), all: all)
            k += count
        }
    }
}

extension Sequential {
    /// ∂L/∂p for every param on (x, y) of the loss `gradcheck model data` checks
    /// (`checkedLoss`), computed on a copy (the model's own gradients are not touched), in
    /// `parameters` order; zeros for a param the loss does not depend on (moving statistics).
    public func gradients(x: Tensor, y: Tensor) throws(NNError) -> [Tensor] {
        var copy = self
        try copy.setParameters(parameters.map { $0.detached })
        let loss = try copy.checkedLoss(x: x, y: y)
        do { try loss.backward() } catch { throw .tensor(error, layer: nil) }
        var grads: [Tensor] = []
        for p in copy.parameters {
            if let g = p.grad { grads.append(g); continue }
            do { grads.append(try Tensor.zeros(p.shape)) } catch { throw .tensor(error, layer: nil) }
        }
        return grads
    }

    /// The loss `gradcheck model data` checks, with its graph: the training loss (a batchnorm
    /// layer normalizes with the batch's statistics, as in `fit`) with dropout off, the
    /// deterministic function of the params that `doublePrecisionLoss` computes, so that the
    /// two sides compare like with like. The state the training forward records (moving
    /// statistics) is dropped: the model is left as it was.
    func checkedLoss(x: Tensor, y: Tensor) throws(NNError) -> Tensor {
        var copy = self
        copy.layers = try layers.map { layer throws(NNError) in try layer.withoutDropout() }
        var generator = RandomGenerator(seed: 0)
        var discarded = LayerStateUpdates()
        return try copy.lossGraph(x: x, y: y, training: true, generator: &generator, updates: &discarded).loss
    }
}

extension Layer {
    /// The layer with dropout off (a rate of 0 is the identity in training too); any other
    /// layer as it is.
    func withoutDropout() throws(NNError) -> Layer {
        switch self {
        case .dropout(let d):
            var off = try Dropout(rate: 0)
            off.name = d.name
            return .dropout(off)
        case .dense, .conv2d, .pooling, .flatten, .batchnorm, .layernorm, .embedding, .activation:
            return self
        }
    }
}
