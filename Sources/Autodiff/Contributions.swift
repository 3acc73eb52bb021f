/// What a pullback returns: one gradient contribution per input of its node, nil where an
/// input needs none; one or two without an array (see `Inputs` for why).
public struct Contributions: RandomAccessCollection, ExpressibleByArrayLiteral {
    enum Parts {
        case one(Tensor?)
        case two(Tensor?, Tensor?)
        case many([Tensor?])
    }
    private(set) var parts: Parts

    /// The contribution to a node's only input.
    @inline(__always)
    public init(_ a: Tensor?) {
        parts = .one(a)
    }

    /// The contributions to a node's two inputs.
    @inline(__always)
    public init(_ a: Tensor?, _ b: Tensor?) {
        parts = .two(a, b)
    }

    /// Contributions to any number of inputs, in order.
    public init(_ parts: [Tensor?]) {
        self.parts = .many(parts)
    }

    public init(arrayLiteral parts: Tensor?...) {
        self.init(parts)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch parts {
        case .one: 1
        case .two: 2
        case .many(let all): all.count
        }
    }

    public subscript(position: Int) -> Tensor? {
        switch (parts, position) {
        case (.one(let a), 0): return a
        case (.two(let a, _), 0): return a
        case (.two(_, let b), 1): return b
        case (.many(let all), _) where all.indices.contains(position): return all[position]
        default: preconditionFailure("contribution \(position) of \(endIndex)")
        }
    }
}
