/// What `compile` fixes for a model: how it learns (optimizer), what it minimises (loss), and
/// what is reported (metrics).
public struct Compilation: Sendable {
    public var optimizer: Optimizer
    public var loss: LossFunction
    public var metrics: [Metric]

    public init(optimizer: Optimizer, loss: LossFunction, metrics: [Metric] = []) {
        self.optimizer = optimizer
        self.loss = loss
        self.metrics = metrics
    }
}
