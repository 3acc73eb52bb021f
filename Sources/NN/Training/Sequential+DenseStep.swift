import Autodiff

extension Sequential {
    /// One optimizer step through `step` (no graph): the loss and σ of the logits, with the
    /// params updated. Nil, with nothing changed, when the loss or a gradient is not finite:
    /// the graph path then redoes the step, stops, and says where the NaN appeared.
    mutating func takeDenseStep(
        _ step: DenseTrainingStep, x: Tensor, y: Tensor, optimizer: inout Optimizer
    ) -> (loss: Float, prediction: Tensor)? {
        guard let (loss, prediction) = step.run(params: trainableParameters, x: x, y: y),
              loss.isFinite, step.gradients.allSatisfy(\.isFinite) else { return nil }
        updateParameters { params in optimizer.step(&params, gradients: step.gradients) }
        return (loss, prediction)
    }
}
