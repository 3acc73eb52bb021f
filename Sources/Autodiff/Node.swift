import Synchronization

/// A pullback: given the gradient flowing into a node's output and the node (whose `inputs` and
/// `output` are the values the op consumed and produced), one contribution per input (nil where
/// an input needs none). Contributions may have the output's broadcast shape; the engine
/// unbroadcasts them to each input's shape, in one place.
///
/// Pullbacks read saved values from the node rather than capturing them: a closure that
/// captures nothing needs no context object, which saves an allocation and a free per op.
public typealias Pullback = (_ gradient: Tensor, _ node: Node) throws(TensorError) -> Contributions

/// One recorded step of a computation: the op, the tensors it consumed, how to pull a gradient
/// back through it, and — after `backward` — the gradient of the loss with respect to its output.
///
/// Nodes are self-describing for the teaching commands: `op` and its formulas, the `label` a
/// value was given in the session, the shapes and the values. A pullback captures only detached
/// tensors (never a node, never its own output's node), so the graph has no reference cycles.
public final class Node {
    /// What this node computed.
    public let op: Op
    /// The tensors it consumed, as they were (values and their own nodes). Empty for leaves,
    /// and emptied by `backward(keepGraph: false)`.
    public internal(set) var inputs: Inputs
    /// The shape of the value this node produced.
    public let shape: [Int]
    /// The buffer of the value this node produced; nil for a param, whose value lives in its
    /// tensor. (A buffer and not a `Tensor`: the shape is the node's, and a bare buffer is one
    /// reference to count instead of three.)
    var valueStorage: TensorStorage?
    /// ∂L/∂(this value) from the last `backward` (see `grad` in `Node+Gradient.swift`).
    var gradStorage: TensorStorage?
    /// The name this value was given in the session (`z`, `dense_0.W`), for display.
    public var label: String?
    /// The layer that computed this value (`dense_1`), for diagnostics and teaching.
    public var scope: String?
    var pullback: Pullback?
    /// Traversal stamp: equal to a traversal's epoch once visited (avoids hashing nodes).
    var visitMark: UInt64 = 0
    /// Set once `backward(keepGraph: false)` has dropped this node's saved values.
    var isReleased = false
    /// The longest path from a leaf: 0 for a param, one more than its deepest input otherwise.
    /// Every consumer is deeper than what it consumes, so deepest-first is a reverse
    /// topological order (what `backward` walks).
    private(set) var depth = 0
    /// The oldest release generation (see `Node.releaseGeneration`) at which any non-leaf node
    /// of this node's graph was recorded. While no backward has released anything since then,
    /// nothing in the graph can have been released, and `backward` skips looking.
    private(set) var oldestGeneration: UInt64
    /// The change clock (see `Node.tickChangeClock`) when this node was made: a recorded op
    /// consumed its param inputs' values at this time, so a param changed later makes it stale.
    public let born: UInt64

    /// A node without inputs yet (see `appendInput`); a param's generation is "never", since
    /// params are never released.
    init(op: Op, shape: [Int], value: TensorStorage?, pullback: Pullback?) {
        self.op = op
        self.shape = shape
        self.valueStorage = value
        self.pullback = pullback
        self.inputs = Inputs()
        self.born = Node.changeClock.load(ordering: .relaxed)
        if case .param = op {
            oldestGeneration = .max
        } else {
            oldestGeneration = Node.releaseGeneration.load(ordering: .relaxed)
        }
    }

    /// Adds an input, keeping `depth` and `oldestGeneration` up to date.
    @inline(__always)
    func appendInput(_ t: Tensor) {
        if let n = t.node {
            depth = Swift.max(depth, n.depth &+ 1)
            oldestGeneration = Swift.min(oldestGeneration, n.oldestGeneration)
        }
        inputs.append(t)
    }

    /// The value this node produced (detached); nil for a param, whose value lives in its tensor.
    public var value: Tensor? {
        valueStorage.map { Tensor(shape: shape, storage: $0) }
    }

    /// The buffer of the value this op produced, for its pullback. Every recorded op saves one,
    /// and only recorded ops have pullbacks, so a missing buffer is the engine's mistake.
    @inline(__always)
    private var savedValue: TensorStorage {
        guard let valueStorage else { preconditionFailure("\(op.name) node has no saved value") }
        return valueStorage
    }

    /// The value this op produced, for its pullback.
    var output: Tensor { Tensor(shape: shape, storage: savedValue) }

    /// The elements of input `i` and of the output, for pullbacks: read in place, without
    /// making tensors of them (valid while the node keeps its saved values, as it does for as
    /// long as its pullback runs).
    @inline(__always)
    func inputElements(_ i: Int) -> UnsafeMutablePointer<Float> {
        switch i {
        case 0: return inputs.first.unsafelyUnwrapped.storage.base
        case 1: return inputs.second.unsafelyUnwrapped.storage.base
        default: return inputs.overflow[i - 2].storage.base
        }
    }

    @inline(__always)
    var outputElements: UnsafeMutablePointer<Float> { savedValue.base }

    /// True when input `i` needs a gradient (it is a param or computed from one).
    @inline(__always)
    func needsGradient(_ i: Int) -> Bool { inputNode(i) != nil }

    /// The node of input `i` (nil for a constant), read in place: going through the field
    /// path rather than a method of `Inputs` spares copying the list.
    @inline(__always)
    func inputNode(_ i: Int) -> Node? {
        switch i {
        case 0: return inputs.first?.node
        case 1: return inputs.second?.node
        default: return inputs.overflow[i - 2].node
        }
    }

    /// The shape of input `i`, read in place.
    @inline(__always)
    func inputShape(_ i: Int) -> [Int] {
        switch i {
        case 0: return inputs.first.unsafelyUnwrapped.shape
        case 1: return inputs.second.unsafelyUnwrapped.shape
        default: return inputs.overflow[i - 2].shape
        }
    }

    /// True for a param (a leaf that requires gradients).
    public var isLeaf: Bool {
        if case .param = op { return true }
        return false
    }

    /// The nodes this node consumed, in input order (constants are skipped).
    public var parents: [Node] { inputs.compactMap(\.node) }

    /// Tears long chains down iteratively: releasing a million-node graph recursively through
    /// `deinit` would overflow the stack. Inputs that only this node holds are dismantled here,
    /// in one loop, so their own deinits find nothing left to release.
    deinit {
        guard !inputs.isEmpty else { return }
        var taken = inputs
        inputs = Inputs()
        pullback = nil
        var pending: [Node] = []
        while true {
            while var t = taken.popLast() {
                guard var child = t.node else { continue }
                t.node = nil
                if isKnownUniquelyReferenced(&child) { pending.append(child) }
            }
            guard let next = pending.popLast() else { break }
            taken = next.inputs
            next.inputs = Inputs()
            next.pullback = nil
        }
    }

    /// A fresh traversal epoch; nodes whose `visitMark` equals it have been visited.
    static func nextEpoch() -> UInt64 {
        epochCounter.add(1, ordering: .relaxed).newValue
    }
    private static let epochCounter = Atomic<UInt64>(0)

    /// Counts the backward passes that released a graph. A node records the count when it is
    /// made; if the count has not moved since the oldest node of a graph was made, no node of
    /// that graph can have been released.
    static let releaseGeneration = Atomic<UInt64>(0)
}

extension Tensor {
    /// Attaches a node to a freshly computed `output` when any input requires gradients.
    ///
    /// Ops call this after computing their forward value, guarded by `requiresGrad` checks so
    /// that constant computations allocate no closures and no nodes.
    static func record(
        _ op: Op, inputs: [Tensor], output: Tensor, pullback: @escaping Pullback
    ) -> Tensor {
        var result = output.detached
        let node = Node(op: op, shape: output.shape, value: output.storage, pullback: pullback)
        for t in inputs { node.appendInput(t) }
        result.node = node
        return result
    }

    /// `record` for an op of one input. (The one- and two-input forms build the node's inputs
    /// in place: passing an `Inputs` value along made the compiler copy it and destroy the
    /// original, a dozen reference-count operations per op.)
    @inline(__always)
    static func record(
        _ op: Op, inputs a: Tensor, output: Tensor, pullback: @escaping Pullback
    ) -> Tensor {
        var result = output.detached
        let node = Node(op: op, shape: output.shape, value: output.storage, pullback: pullback)
        node.appendInput(a)
        result.node = node
        return result
    }

    /// `record` for an op of two inputs.
    @inline(__always)
    static func record(
        _ op: Op, inputs a: Tensor, _ b: Tensor, output: Tensor, pullback: @escaping Pullback
    ) -> Tensor {
        var result = output.detached
        let node = Node(op: op, shape: output.shape, value: output.storage, pullback: pullback)
        node.appendInput(a)
        node.appendInput(b)
        result.node = node
        return result
    }

    /// Makes a trainable leaf: a copy of these values that records gradients (PyTorch's
    /// `requires_grad_()` on a fresh tensor).
    public func param(label: String? = nil) -> Tensor {
        var leaf = detached
        let node = Node(op: .param, shape: shape, value: nil, pullback: nil)
        node.label = label
        leaf.node = node
        return leaf
    }

    /// ∂L/∂(this value) from the last `backward`, or nil if none was computed.
    public var grad: Tensor? { node?.grad }

    /// Marks the node that produced this value as computed by layer `scope` (no-op for constants).
    @discardableResult
    public func scoped(_ scope: String) -> Tensor {
        node?.scope = scope
        return self
    }

    /// Gives this value's node a display name (no-op for constants).
    @discardableResult
    public func labeled(_ label: String) -> Tensor {
        node?.label = label
        return self
    }

    /// Sets the gradient stored for this param or value (`zero_grad`, optimizers' tests).
    public func setGrad(_ gradient: Tensor?) {
        node?.grad = gradient
    }
}
