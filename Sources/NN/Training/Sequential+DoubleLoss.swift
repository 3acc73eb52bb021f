import Autodiff

/// The compiled loss of a model computed in Float64 by plain loops: the slow, obviously
/// correct twin of the float32 engine (every fast path has one), used by `gradcheck model data`.
///
/// float32 finite differences of a model's loss cannot separate a relu kink a few rows away
/// from a real disagreement (their noise is about ε·|L|/h); in Float64 a central difference
/// with h = 1e-6 is accurate to ~1e-9 and a kink is crossed only when a pre-activation is
/// within 1e-6 of zero, or two maxima of a pooling window are that close (the check tells
/// those apart by its one-sided differences).
///
/// Each layer kind has its twin in a file of its own beside this one (`Dense+DoubleForward`,
/// `Conv2D+DoubleForward`, …), written as loops over the formula, sharing no kernel with the
/// engine; the batch between them carries a per-sample shape (`DoubleBatch`).
extension Sequential {
    /// The loss with the given param values (row-major, in `parameters` order), in Float64,
    /// on x `[n] + inputShape` and targets y as the compiled loss takes them.
    public func doublePrecisionLoss(parameters values: [[Double]], x: Tensor, y: Tensor) throws(NNError) -> Double {
        guard let compilation else { throw .notCompiled }
        let params = parameters
        guard values.count == params.count else {
            throw .parameterMismatch("expected \(params.count) params, got \(values.count)")
        }
        for (v, p) in zip(values, params) where v.count != p.count {
            throw .parameterMismatch("a param of shape \(p.shape) has \(p.count) values, got \(v.count)")
        }
        try checkSamples(x)
        try checkTargets(y, rows: x.shape[0], loss: compilation.loss)
        var h = DoubleBatch(values: x.scalars.map(Double.init), rows: x.shape[0], sampleShape: inputShape)
        var logits = h
        var lastActivation = Activation.linear
        var k = 0
        for (i, layer) in layers.enumerated() {
            let count = layer.namedParameters.count
            let z = try layer.doublePreActivation(h, parameters: Array(values[k..<(k + count)]))
            k += count
            if i == layers.count - 1 { logits = z; lastActivation = layer.outputActivation }
            h = layer.outputActivation.doubleApply(z)
        }
        return compilation.loss.doubleValue(output: h, logits: logits, activation: lastActivation, targets: y.scalars.map(Double.init))
    }
}
