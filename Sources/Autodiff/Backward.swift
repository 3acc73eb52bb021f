/// Reverse-mode differentiation: one loop over the graph in reverse topological order
/// (micrograd's engine, with the order kept by a deepest-first heap instead of a sort), written
/// iteratively so that a graph a million nodes deep does not overflow the stack.
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
            upstream = Tensor(shape: shape, storage: TensorStorage.repeating(1, count: 1))
        }

        // A graph none of whose nodes were made before the last release cannot hold a released
        // node (the training loop's case); otherwise look before changing anything.
        if root.oldestGeneration != Node.releaseGeneration.load(ordering: .relaxed),
           Tensor.topologicalOrderNotingRelease(from: root).anyReleased {
            throw .invalidArgument(
                "backward: part of this graph was released by an earlier backward; recompute it (or keep the graph)")
        }

        // Counted before anything is released, so that even a backward that fails halfway
        // leaves every graph recorded earlier to be checked.
        if !keepGraph { Node.releaseGeneration.add(1, ordering: .relaxed) }

        // Deepest first (see `DeepestFirst`): when a node comes up, every consumer of its value
        // has contributed, so its gradient is final and its saved values can go at once. A
        // node's stale gradient is dropped when the walk first reaches it.
        let epoch = Node.nextEpoch()
        var pending = DeepestFirst()
        root.visitMark = epoch
        if !(root.isLeaf && accumulate) { root.gradStorage = nil }
        root.accumulateGradient(upstream)
        pending.push(root)
        while let n = pending.popDeepest() {
            // The contributions are moved out of the pullback's result, not copied from it.
            var first: Tensor?, second: Tensor?, rest: [Tensor?] = []
            if let gradient = n.gradStorage {
                if let pullback = n.pullback {
                    switch try pullback(Tensor(shape: n.shape, storage: gradient), n).parts {
                    case .one(let a): first = a
                    case .two(let a, let b): first = a; second = b
                    case .many(let all): rest = all  // concat and stack: any number
                    }
                }
            } else {
                n.grad = Tensor(zerosOf: n.shape)  // reachable, but every path contributed nothing
            }
            for i in 0..<n.inputs.count {
                guard let child = n.inputNode(i) else { continue }  // a constant
                if child.visitMark != epoch {  // first reached: its old gradient goes
                    child.visitMark = epoch
                    if !(child.isLeaf && accumulate) { child.gradStorage = nil }
                    pending.push(child)
                }
                // One or two contributions arrive in `first` and `second`; a many-input op's
                // (concat, stack) all arrive in `rest`, from index 0.
                let contribution = switch i {
                case 0: first.take() ?? (rest.isEmpty ? nil : rest[0])
                case 1: second.take() ?? (rest.count > 1 ? rest[1] : nil)
                default: i < rest.count ? rest[i] : nil
                }
                if let contribution { try n.passOn(contribution, to: child, input: i) }
            }
            if !keepGraph && !n.isLeaf { n.releaseSavedValues() }
        }
    }

    /// Every node reachable from `root`, each after all of its inputs (post-order).
    public static func topologicalOrder(from root: Node) -> [Node] {
        topologicalOrderNotingRelease(from: root).order
    }

    /// The topological order, and whether any node in it was released by an earlier backward
    /// (noted during the traversal rather than in another pass over the nodes).
    static func topologicalOrderNotingRelease(from root: Node) -> (order: [Node], anyReleased: Bool) {
        var anyReleased = false
        let epoch = Node.nextEpoch()
        var order: [Node] = []
        var stack: [(node: Node, next: Int)] = [(root, 0)]
        root.visitMark = epoch
        while !stack.isEmpty {
            let top = stack.count - 1
            let (n, i) = stack[top]
            if i < n.inputs.count {
                stack[top].next = i + 1
                if let child = n.inputNode(i), child.visitMark != epoch {
                    child.visitMark = epoch
                    stack.append((child, 0))
                }
            } else {
                stack.removeLast()
                anyReleased = anyReleased || n.isReleased
                order.append(n)
            }
        }
        return (order, anyReleased)
    }

}

extension Node {
    /// Adds a pullback's contribution for input `i` (whose node is `child`) to that input's
    /// gradient, summed back to the input's shape if the op broadcast it.
    @inline(__always)
    func passOn(_ contribution: Tensor, to child: Node, input i: Int) throws(TensorError) {
        let shape = inputShape(i)
        if contribution.shape == shape {
            child.accumulateGradient(contribution)
        } else {
            child.accumulateGradient(try contribution.unbroadcast(to: shape))
        }
    }

    /// Drops what backward no longer needs: the pullback (and the tensors it saved) and the
    /// inputs' values. The structure (op, shape, label) and the gradient stay for inspection.
    func releaseSavedValues() {
        pullback = nil
        inputs = Inputs()
        isReleased = true
    }
}
