/// The tensors a node consumed: the first two inline, any others in an array.
///
/// Every op but concat and stack has one or two inputs, and a scalar graph records a node per
/// op: as a `[Tensor]` the inputs cost an allocation and a free per op. Inline they cost
/// nothing. (`Inputs` and `Contributions` are concrete types rather than one generic list: the
/// compiler destroys a generic struct of optionals through runtime metadata, several hundred
/// instructions per node in `gradbook bench autodiff`.)
public struct Inputs: RandomAccessCollection {
    // Internal rather than private so that `Node` can reach a field through its own storage
    // (`node.inputs.first?.node`) without copying the whole list first.
    fileprivate(set) var first: Tensor?
    fileprivate(set) var second: Tensor?
    /// Inputs from index 2 on; empty (no allocation) for one or two inputs.
    fileprivate(set) var overflow: [Tensor] = []
    public private(set) var count: Int

    /// No inputs yet (a param has none; `Node.appendInput` adds an op's).
    public init() {
        count = 0
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Tensor {
        precondition(position >= 0 && position < count, "input \(position) of a node with \(count)")
        switch position {
        case 0: return first.unsafelyUnwrapped
        case 1: return second.unsafelyUnwrapped
        default: return overflow[position - 2]
        }
    }

    mutating func append(_ t: Tensor) {
        switch count {
        case 0: first = t
        case 1: second = t
        default: overflow.append(t)
        }
        count += 1
    }

    /// Removes and returns the last input (moving it out, so that its references go with it).
    mutating func popLast() -> Tensor? {
        switch count {
        case 0: return nil
        case 1: count = 0; return first.take()
        case 2: count = 1; return second.take()
        default: count -= 1; return overflow.popLast()
        }
    }
}
