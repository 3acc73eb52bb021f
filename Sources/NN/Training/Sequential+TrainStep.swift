import Autodiff

extension Sequential {
    /// One optimizer step on one batch, for teaching: forward, loss, backward (the graph is
    /// kept for `chain` and `walk`), update. Returns the loss before the update.
    public mutating func trainStep(x: Tensor, y: Tensor, generator: inout RandomGenerator) throws(NNError) -> Tensor {
        guard var compilation else { throw .notCompiled }
        var updates = LayerStateUpdates()
        let (loss, _) = try lossGraph(x: x, y: y, training: true, generator: &generator, updates: &updates)
        guard (loss.scalar ?? .nan).isFinite else {
            throw .invalidOption(name: "train_step", message: "the loss is not finite; \(loss.diagnoseNonFiniteForward().map { "\($0)" } ?? "")")
        }
        do { try loss.backward(keepGraph: true) } catch { throw .tensor(error, layer: nil) }
        let gradients = trainableParameters.map { $0.grad ?? Tensor(0) }
        guard gradients.allSatisfy({ $0.isFinite }) else {
            throw .invalidOption(name: "train_step", message: "a gradient is not finite; \(loss.diagnoseNonFiniteBackward().map { "\($0)" } ?? "")")
        }
        let before = trainableParameters
        updateParameters { params in compilation.optimizer.step(&params, gradients: gradients) }
        recordUpdateRatios(before: before)
        self.compilation = compilation
        try apply(updates)
        lastStepLoss = loss
        return loss
    }
}
