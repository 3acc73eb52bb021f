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
    /// Paths that exist but were not listed (beyond the limit); saturates at `maxCountedPaths`.
    public let omittedPaths: Int
    /// How many paths lead from L to p (a Double: the count can grow as 2ⁿ with depth).
    public let totalPaths: Double
    /// Σ of the listed contributions.
    public let sum: Tensor
    /// Σ over every path, listed or not: one reverse sweep over the nodes between L and p,
    /// independent of the gradient `backward` stored (equal to `sum` when nothing was omitted).
    public let fullSum: Tensor
    /// p's gradient from the last backward (nil if none ran).
    public let autodiff: Tensor?
    /// Listing stopped at `maxListedEdges` before it reached the number of paths asked for.
    public let edgeLimitReached: Bool

    /// The most paths `chain` lists: each is printed edge by edge, so more would be unreadable
    /// (the sum over all paths is computed without listing them, whatever their number).
    public static let maxListedPaths = 1000
    /// The most edges the listed paths may have together, and the most nodes the search for
    /// them expands: what a person can read, and what keeps listing bounded whatever the graph
    /// (a long chain has one path as long as itself; a ladder of diamonds has 2ⁿ paths).
    public static let maxListedEdges = 4096
    /// Path counts above this print as "more than" (a Double stays exact up to 2⁵³).
    public static let maxCountedPaths: Double = 1e15
    /// Nodes visited between two interrupt checks.
    public static let nodesPerInterruptCheck = 256
}

extension Tensor {
    /// The chain rule from this value (L) down to `p`, listing at most `maxPaths` paths (and
    /// `ChainRule.maxListedEdges` edges in all); `shouldStop` is asked every few hundred nodes
    /// and ends the walk with `TensorError.interrupted`.
    public func chainRule(to p: Tensor, maxPaths: Int = 32,
                          shouldStop: () -> Bool = { false }) throws(TensorError) -> ChainRule {
        guard let root = node else { throw .invalidArgument("the value does not depend on any param") }
        guard let target = p.node else { throw .invalidArgument("the target is a constant: it has no gradient") }
        guard maxPaths >= 1, maxPaths <= ChainRule.maxListedPaths else {
            throw .invalidArgument("paths= must be between 1 and \(ChainRule.maxListedPaths), got \(maxPaths)")
        }
        let (order, anyReleased) = Tensor.topologicalOrderNotingRelease(from: root)
        guard order.contains(where: { $0 === target }) else {
            throw .invalidArgument("the value does not depend on the target")
        }
        if anyReleased {
            throw .invalidArgument("the graph was released by backward; run backward again to keep it")
        }
        var visited = 0
        func checkpoint() throws(TensorError) {
            visited += 1
            if visited % ChainRule.nodesPerInterruptCheck == 0, shouldStop() { throw .interrupted }
        }

        // pathCount[n]: how many paths lead from n down to the target, children first.
        var pathCount: [ObjectIdentifier: Double] = [ObjectIdentifier(target): 1]
        for n in order where n !== target {
            try checkpoint()
            let count = n.inputs.reduce(0) { $0 + ($1.node.flatMap { pathCount[ObjectIdentifier($0)] } ?? 0) }
            if count > 0 { pathCount[ObjectIdentifier(n)] = count }
        }
        let total = pathCount[ObjectIdentifier(root)] ?? 0
        let seed = root.grad ?? Tensor(shape: root.shape, storage: TensorStorage.repeating(1, count: ShapeMath.count(root.shape)))
        let fullSum = try Tensor.sweep(order: order, root: root, target: target, seed: seed, pathCount: pathCount, checkpoint: checkpoint)

        // Depth-first, iteratively. Edges live in one array, each pointing at the edge before it
        // on its path, so extending a path costs one edge and not a copy of the path.
        var arena: [(edge: ChainEdge, previous: Int)] = []
        var paths: [ChainPath] = []
        var listedEdges = 0, expansions = 0
        var stack: [(node: Node, last: Int, depth: Int, gradient: Tensor)] = [(root, -1, 0, seed)]
        while let (n, last, depth, g) = stack.popLast(), paths.count < maxPaths, expansions < ChainRule.maxListedEdges {
            if depth > ChainRule.maxListedEdges - listedEdges { continue }  // too long to list
            if n === target {
                var edges: [ChainEdge] = []
                var k = last
                while k >= 0 { edges.append(arena[k].edge); k = arena[k].previous }
                paths.append(ChainPath(edges: edges.reversed(), contribution: g))
                listedEdges += depth
                continue
            }
            try checkpoint()
            guard let pullback = n.pullback else { continue }
            expansions += 1
            let contributions = try pullback(g, n)
            var next: [(node: Node, last: Int, depth: Int, gradient: Tensor)] = []
            for (i, input) in n.inputs.enumerated() {
                guard let child = input.node, pathCount[ObjectIdentifier(child)] != nil,
                      i < contributions.count, let c = contributions[i] else { continue }
                let local = try Tensor.localDerivative(n, input: i)
                arena.append((ChainEdge(node: n, inputIndex: i, localDerivative: local), last))
                next.append((child, arena.count - 1, depth + 1, try c.unbroadcast(to: input.shape)))
            }
            stack.append(contentsOf: next.reversed())  // visit inputs left to right
        }
        var sum = Tensor(zerosOf: p.shape)
        for path in paths { sum = try sum + path.contribution }
        let omitted = Swift.max(0, Swift.min(total, ChainRule.maxCountedPaths) - Double(paths.count))
        return ChainRule(paths: paths, omittedPaths: Int(omitted), totalPaths: total,
                         sum: sum, fullSum: fullSum, autodiff: target.grad,
                         edgeLimitReached: omitted > 0 && paths.count < maxPaths)
    }

    /// ∂L/∂target summed over every path: the nodes between L and the target in reverse
    /// topological order, each pullback called once with its fully accumulated upstream
    /// gradient (which is then dropped), as backward does but into a table of its own.
    static func sweep(order: [Node], root: Node, target: Node, seed: Tensor, pathCount: [ObjectIdentifier: Double],
                      checkpoint: () throws(TensorError) -> Void) throws(TensorError) -> Tensor {
        var upstream: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed]
        for n in order.reversed() where n !== target {
            let id = ObjectIdentifier(n)
            guard let g = upstream.removeValue(forKey: id) else { continue }
            try checkpoint()
            guard let pullback = n.pullback else { continue }
            let contributions = try pullback(g, n)
            for (i, input) in n.inputs.enumerated() {
                guard let child = input.node, pathCount[ObjectIdentifier(child)] != nil,
                      i < contributions.count, let c = contributions[i] else { continue }
                let part = try c.unbroadcast(to: input.shape)
                let key = ObjectIdentifier(child)
                upstream[key] = try upstream[key].map { (u) throws(TensorError) in try u + part } ?? part
            }
        }
        return upstream[ObjectIdentifier(target)] ?? Tensor(zerosOf: target.shape)
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
