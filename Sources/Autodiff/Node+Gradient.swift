/// A node's gradient: kept as a bare buffer in the node's shape, added to in place.
extension Node {
    /// ∂L/∂(this value) from the last `backward`, for params and intermediate values alike.
    public internal(set) var grad: Tensor? {
        get { gradStorage.map { Tensor(shape: shape, storage: $0) } }
        set {
            guard let newValue else { gradStorage = nil; return }
            precondition(newValue.count == ShapeMath.count(shape),
                         "a gradient of shape \(newValue.shape) for a value of shape \(shape)")
            gradStorage = newValue.storage
        }
    }

    /// Adds a contribution (already in this node's shape) to the gradient. The first
    /// contribution is kept as it is (no copy); later ones are added in place once the buffer
    /// is this node's own.
    func accumulateGradient(_ contribution: Tensor) {
        guard var existing = gradStorage else {
            gradStorage = contribution.storage
            return
        }
        gradStorage = nil  // drop the node's reference so the add can happen in place
        if !isKnownUniquelyReferenced(&existing) { existing = .copying(existing) }
        let p = existing.base, q = contribution.storage.base
        for i in 0..<existing.count { p[i] += q[i] }
        gradStorage = existing
    }
}
