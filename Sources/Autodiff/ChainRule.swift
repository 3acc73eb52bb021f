/// The chain rule as data: every path from a loss L down to a value p, what each edge
/// contributes, and the sum that autodiff computed in one sweep (∂L/∂p = Σ over paths).
///
/// Needs the graph kept by `backward(keepGraph: true)`, which the workbench always asks for.
public struct ChainEdge {
    /// The node at the L end of the edge (the consumer).
    public let node: Node
    /// Which of the node's inputs the edge enters.
    public let inputIndex: Int
    /// That input, as the node consumed it (its value, and its own node).
    public var input: Tensor { node.inputs[inputIndex] }
    /// ∂(node's value)/∂(input), when both are single numbers; nil for tensors, whose local
    /// derivative is a Jacobian shown by its rule instead.
    public let localDerivative: Float?
}

/// One path from L to p, and its share of the gradient.
public struct ChainPath {
    /// Edges from L's node down to p (the last edge's input is p).
    public let edges: [ChainEdge]
    /// This path's contribution to ∂L/∂p, in p's shape: the upstream gradient pulled back
    /// along this path only. For scalars it is the product of the local derivatives.
    public let contribution: Tensor
}

/// All paths from L to p, their sum, and autodiff's gradient for comparison.
public struct ChainRule {
    public let paths: [ChainPath]
    /// Paths that exist but were not listed (beyond the limit).
    public let omittedPaths: Int
    /// Σ of the listed contributions (all of ∂L/∂p when nothing was omitted).
    public let sum: Tensor
    /// p's gradient from the last backward (nil if none ran).
    public let autodiff: Tensor?
}

extension Tensor {
    /// The chain rule from this value (L) down to `p`, listing at most `maxPaths` paths.
    public func chainRule(to p: Tensor, maxPaths: Int = 32) throws(TensorError) -> ChainRule {
        guard let root = node else { throw .invalidArgument("the value does not depend on any param") }
        guard let target = p.node else { throw .invalidArgument("the target is a constant: it has no gradient") }
        let order = Tensor.topologicalOrder(from: root)
        guard order.contains(where: { $0 === target }) else {
            throw .invalidArgument("the value does not depend on the target")
        }
        if order.contains(where: \.isReleased) {
            throw .invalidArgument("the graph was released by backward; run backward again to keep it")
        }

        // paths[n]: how many paths lead from n down to the target (saturating), children first.
        var pathCount: [ObjectIdentifier: Double] = [ObjectIdentifier(target): 1]
        for n in order where n !== target {
            pathCount[ObjectIdentifier(n)] = n.inputs.reduce(0) { $0 + ($1.node.flatMap { pathCount[ObjectIdentifier($0)] } ?? 0) }
        }
        let total = pathCount[ObjectIdentifier(root)] ?? 0

        let seed = root.grad ?? Tensor(shape: root.shape, storage: TensorStorage.repeating(1, count: ShapeMath.count(root.shape)))
        var paths: [ChainPath] = []
        // Depth-first, iteratively: (node, edges so far, gradient pulled back to node).
        var stack: [(Node, [ChainEdge], Tensor)] = [(root, [], seed)]
        while let (n, edges, g) = stack.popLast(), paths.count < maxPaths {
            if n === target {
                paths.append(ChainPath(edges: edges, contribution: g))
                continue
            }
            guard let pullback = n.pullback else { continue }
            let contributions = try pullback(g, n)
            var next: [(Node, [ChainEdge], Tensor)] = []
            for (i, input) in n.inputs.enumerated() {
                guard let child = input.node, (pathCount[ObjectIdentifier(child)] ?? 0) > 0,
                      i < contributions.count, let c = contributions[i] else { continue }
                let local = try Tensor.localDerivative(n, input: i)
                next.append((child, edges + [ChainEdge(node: n, inputIndex: i, localDerivative: local)],
                             try c.unbroadcast(to: input.shape)))
            }
            stack.append(contentsOf: next.reversed())  // visit inputs left to right
        }
        var sum = Tensor(zerosOf: p.shape)
        for path in paths { sum = try sum + path.contribution }
        return ChainRule(paths: paths, omittedPaths: Swift.max(0, Int(Swift.min(total, 1e15)) - paths.count),
                         sum: sum, autodiff: target.grad)
    }

    /// ∂(node)/∂(input i) as a number when the node and that input are both single numbers.
    static func localDerivative(_ n: Node, input i: Int) throws(TensorError) -> Float? {
        guard ShapeMath.count(n.shape) == 1, n.inputs[i].count == 1, let pullback = n.pullback else { return nil }
        let one = Tensor(shape: n.shape, storage: TensorStorage.repeating(1, count: 1))
        let c = try pullback(one, n)
        guard i < c.count, let d = c[i] else { return 0 }
        return try d.unbroadcast(to: n.inputs[i].shape).scalar
    }
}
