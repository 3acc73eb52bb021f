/// What a pullback returns: one gradient contribution per input of its node, nil where an
/// input needs none; the first two inline (see `Inputs` for why).
public struct Contributions: RandomAccessCollection, ExpressibleByArrayLiteral {
    private var first: Tensor?
    private var second: Tensor?
    private var overflow: [Tensor?] = []
    public private(set) var count: Int

    /// The contribution to a node's only input.
    @inline(__always)
    public init(_ a: Tensor?) {
        first = a
        count = 1
    }

    /// The contributions to a node's two inputs.
    @inline(__always)
    public init(_ a: Tensor?, _ b: Tensor?) {
        first = a
        second = b
        count = 2
    }

    /// Contributions to any number of inputs, in order.
    public init(_ parts: [Tensor?]) {
        count = parts.count
        if parts.count > 0 { first = parts[0] }
        if parts.count > 1 { second = parts[1] }
        if parts.count > 2 { overflow = Array(parts[2...]) }
    }

    public init(arrayLiteral parts: Tensor?...) {
        self.init(parts)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Tensor? {
        precondition(position >= 0 && position < count, "contribution \(position) of \(count)")
        switch position {
        case 0: return first
        case 1: return second
        default: return overflow[position - 2]
        }
    }

    /// Moves contribution `i` out (the engine's way to hand it on without copying it).
    @inline(__always)
    mutating func take(_ i: Int) -> Tensor? {
        switch i {
        case 0: return first.take()
        case 1: return second.take()
        default: return overflow[i - 2].take()
        }
    }
}
