/// Backprop one node at a time, for `walk`: in reverse topological order, each node's
/// upstream gradient, and what it passes to each of its inputs.
public struct BackpropStep {
    /// The node being processed.
    public let node: Node
    /// ∂L/∂(node's value): the upstream gradient arriving at this node.
    public let upstream: Tensor
    /// For each input that needs a gradient: its index, the local derivative when everything
    /// is a single number, and the contribution passed down (in the input's shape).
    public let contributions: [(inputIndex: Int, localDerivative: Float?, contribution: Tensor)]
}

extension Tensor {
    /// The steps of backprop from this value, root first. Needs a kept graph with gradients
    /// (run `backward(keepGraph: true)` first).
    public func backpropSteps() throws(TensorError) -> [BackpropStep] {
        guard let root = node else { throw .invalidArgument("the value does not depend on any param") }
        guard root.grad != nil else { throw .invalidArgument("run backward first: no gradients yet") }
        var steps: [BackpropStep] = []
        for n in Tensor.topologicalOrder(from: root).reversed() {
            guard let g = n.grad, let pullback = n.pullback else { continue }
            let raw = try pullback(g, n)
            var parts: [(inputIndex: Int, localDerivative: Float?, contribution: Tensor)] = []
            for (i, input) in n.inputs.enumerated() where input.node != nil {
                guard i < raw.count, let c = raw[i] else { continue }
                parts.append((i, try Tensor.localDerivative(n, input: i), try c.unbroadcast(to: input.shape)))
            }
            steps.append(BackpropStep(node: n, upstream: g, contributions: parts))
        }
        return steps
    }

    /// The forward pass as a list of nodes, inputs first (for `trace`).
    public func forwardNodes() -> [Node] {
        guard let root = node else { return [] }
        return Tensor.topologicalOrder(from: root)
    }
}
