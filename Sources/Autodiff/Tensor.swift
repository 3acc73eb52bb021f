/// A float32 tensor of any rank: row-major, copy-on-write, and differentiable.
///
/// A tensor is a value: assigning it copies a reference to its storage, and the first mutation
/// of a shared storage copies it. A tensor computed from a parameter (see `param`) also carries
/// the `Node` that produced it, which is how `backward` finds its way back to the parameters.
///
/// Shapes: `[]` is a scalar (one element), `[n]` a vector, `[m, n]` a matrix, and so on.
public struct Tensor {
    /// The size of each axis, outermost first.
    public private(set) var shape: [Int]
    var storage: TensorStorage
    /// The graph node that produced this value, or nil for a constant.
    public internal(set) var node: Node?

    /// A tensor over an existing storage (no checks: internal construction only).
    init(shape: [Int], storage: TensorStorage, node: Node? = nil) {
        self.shape = shape
        self.storage = storage
        self.node = node
    }

    /// A tensor with undefined contents, for kernels that write every element. The shape must
    /// already have been validated (it is the shape of an existing tensor, or checked by
    /// `ShapeMath.elementCount`).
    init(uninitializedShape shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage.uninitialized(count: ShapeMath.count(shape)))
    }

    /// A tensor of the given shape filled from `scalars` in row-major order.
    public init(shape: [Int], scalars: [Float]) throws(TensorError) {
        let count = try ShapeMath.elementCount(shape)
        guard count == scalars.count else { throw .dataCountMismatch(shape: shape, count: scalars.count) }
        self.init(uninitializedShape: shape)
        scalars.withUnsafeBufferPointer { storage.base.update(from: $0.baseAddress!, count: count) }
    }

    /// A tensor of the given shape with every element equal to `value`.
    public init(shape: [Int], repeating value: Float) throws(TensorError) {
        let count = try ShapeMath.elementCount(shape)
        self.init(shape: shape, storage: TensorStorage.repeating(value, count: count))
    }

    /// A scalar (rank-0) tensor.
    public init(_ value: Float) {
        self.init(shape: [], storage: TensorStorage.repeating(value, count: 1))
    }

    /// A vector.
    public init(_ scalars: [Float]) {
        self.init(uninitializedShape: [scalars.count])
        scalars.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { storage.base.update(from: base, count: buffer.count) }
        }
    }

    /// The number of axes.
    public var rank: Int { shape.count }

    /// The number of elements.
    public var count: Int { storage.count }

    /// True for a tensor with exactly one element (of any rank).
    public var isScalarLike: Bool { storage.count == 1 }

    /// The elements in row-major order.
    public var scalars: [Float] {
        Array(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// The only element of a one-element tensor, or nil.
    public var scalar: Float? {
        storage.count == 1 ? storage.base[0] : nil
    }

    /// The same values, cut off from the graph (PyTorch's `detach`).
    public var detached: Tensor {
        Tensor(shape: shape, storage: storage)
    }

    /// True when gradients flow back through this value (it is a param or computed from one).
    public var requiresGrad: Bool { node != nil }

    /// Reads the elements in place.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// Writes the elements in place, copying the storage first if another tensor shares it.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        makeUniquelyReferenced()
        return try body(UnsafeMutableBufferPointer(start: storage.base, count: storage.count))
    }

    /// Copy-on-write: gives this tensor a storage of its own if it shares one.
    mutating func makeUniquelyReferenced() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = TensorStorage.copying(storage)
        }
    }

    /// The element at a flat row-major offset. The caller guarantees `0 ≤ offset < count`.
    @inline(__always)
    subscript(flat offset: Int) -> Float {
        get { storage.base[offset] }
    }

    /// The element at a full index (negative indices count from the end).
    public func element(at index: [Int]) throws(TensorError) -> Float {
        guard index.count == rank else { throw .tooManyIndices(count: index.count, rank: rank) }
        var offset = 0
        for (axis, i) in index.enumerated() {
            let size = shape[axis]
            let j = i < 0 ? i + size : i
            guard j >= 0, j < size else { throw .indexOutOfRange(index: i, axis: axis, size: size) }
            offset = offset * size + j
        }
        return storage.base[offset]
    }

    /// A tensor with the same storage and a new shape of the same element count (no checks).
    func withShape(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, storage: storage)
    }

    /// The identity of the buffer behind this tensor: two tensors with the same identity hold
    /// the same values (how teaching commands recognise a workspace constant inside a graph).
    public var storageIdentity: ObjectIdentifier { ObjectIdentifier(storage) }

    /// True when both tensors hold exactly the same shape and elements.
    public func isIdentical(to other: Tensor) -> Bool {
        shape == other.shape && scalars == other.scalars
    }
}
