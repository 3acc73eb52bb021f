import Synchronization

/// Stale values, as PyTorch's version counters find them: a value computed from a param before
/// that param changed describes values that are gone, and backward through it gives the
/// gradient at the old values. Each change of a param ticks a clock; each recorded op notes the
/// clock when it was made; an op made before its param input's last change is stale.
extension Node {
    /// Ticked by whoever changes a param's values (a step, a fit, an import…): the engine updates
    /// params in place inside a training loop without ticking, and the caller decides what counts
    /// as a change for the values it keeps.
    static let changeClock = Atomic<UInt64>(0)

    /// Advances the change clock and returns the new time. Every node made from now on is born at
    /// or after it; every node made before, earlier.
    public static func tickChangeClock() -> UInt64 {
        changeClock.add(1, ordering: .relaxed).newValue
    }
}

extension Tensor {
    /// The first param (in the graph's topological order) whose values an op of this value's
    /// graph consumed are no longer the param's, with that op's birth time; nil when the whole
    /// graph is current. `isStale(p, born)` says whether values of p read at time `born` are gone.
    public func staleParam(isStale: (Node, UInt64) -> Bool) -> (param: Node, born: UInt64)? {
        guard let root = node else { return nil }
        for n in Tensor.topologicalOrder(from: root) where !n.isLeaf {
            for input in n.inputs {
                guard let p = input.node, p.isLeaf else { continue }
                if isStale(p, n.born) { return (p, n.born) }
            }
        }
        return nil
    }
}
