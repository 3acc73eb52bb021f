/// Reverse-mode differentiation: a topological sort and one reverse loop (micrograd's engine),
/// written iteratively so that a graph a million nodes deep does not overflow the stack.
extension Tensor {
    /// Computes ∂self/∂v for every value `v` that `self` depends on and stores it in `v.grad`.
    ///
    /// - `seed`: the upstream gradient ∂L/∂self; required unless `self` has one element.
    /// - `accumulate`: add to the params' existing gradients (PyTorch's default) instead of
    ///   replacing them (gradbook's default). Gradients of intermediate values are always fresh.
    /// - `keepGraph`: keep the saved tensors so that the graph can be walked, explained or
    ///   differentiated again; when false they are released as soon as they are used.
    public func backward(
        seed: Tensor? = nil, accumulate: Bool = false, keepGraph: Bool = false
    ) throws(TensorError) {
        guard let root = node else {
            throw .invalidArgument("backward: this value does not depend on any param")
        }
        let upstream: Tensor
        if let seed {
            guard seed.shape == shape || (seed.count == 1 && count == 1) else {
                throw .gradientShapeMismatch(expected: shape, got: seed.shape)
            }
            upstream = seed.detached.withShape(shape)
        } else {
            guard count == 1 else { throw .nonScalarBackward(shape: shape) }
            upstream = Tensor(shape: shape, storage: TensorStorage(repeating: 1, count: 1))
        }

        let order = Tensor.topologicalOrder(from: root)
        if order.contains(where: \.isReleased) {
            throw .invalidArgument(
                "backward: part of this graph was released by an earlier backward; recompute it (or keep the graph)")
        }
        for n in order where !(n.isLeaf && accumulate) { n.grad = nil }
        Tensor.accumulate(upstream, into: root)

        for n in order.reversed() {
            guard let g = n.grad, let pullback = n.pullback else { continue }
            let contributions = try pullback(g)
            for (input, contribution) in zip(n.inputs, contributions) {
                guard let child = input.node, let contribution else { continue }
                Tensor.accumulate(try contribution.unbroadcast(to: input.shape), into: child)
            }
            if !keepGraph {
                n.pullback = nil
            }
        }
        for n in order where n.grad == nil {
            n.grad = Tensor(zerosOf: n.shape)  // reachable, but every path contributed nothing
        }
        if !keepGraph {
            for n in order where !n.isLeaf { n.releaseSavedValues() }
        }
    }

    /// Every node reachable from `root`, each after all of its inputs (post-order).
    public static func topologicalOrder(from root: Node) -> [Node] {
        let epoch = Node.nextEpoch()
        var order: [Node] = []
        var stack: [(node: Node, next: Int)] = [(root, 0)]
        root.visitMark = epoch
        while !stack.isEmpty {
            let top = stack.count - 1
            let (n, i) = stack[top]
            if i < n.inputs.count {
                stack[top].next = i + 1
                if let child = n.inputs[i].node, child.visitMark != epoch {
                    child.visitMark = epoch
                    stack.append((child, 0))
                }
            } else {
                stack.removeLast()
                order.append(n)
            }
        }
        return order
    }

    /// Adds a contribution to a node's gradient, in place when the gradient's storage is its own.
    static func accumulate(_ contribution: Tensor, into node: Node) {
        guard var existing = node.grad else {
            node.grad = contribution.detached
            return
        }
        node.grad = nil  // drop the node's reference so the add can happen in place
        existing.makeUniquelyReferenced()
        let p = existing.storage.base, q = contribution.storage.base
        for i in 0..<existing.count { p[i] += q[i] }
        node.grad = existing
    }
}

extension Node {
    /// Drops what backward no longer needs: the pullback (and the tensors it saved) and the
    /// inputs' values. The structure (op, shape, label) and the gradient stay for inspection.
    func releaseSavedValues() {
        pullback = nil
        inputs = []
        isReleased = true
    }
}
