/// A mistake in how a tensor operation was called: thrown, never trapped.
///
/// Every case carries the shapes (and indices) involved so that the language layer can print
/// them: "cannot broadcast [2, 3] with [4]".
public enum TensorError: Error, Equatable, Sendable {
    /// Two shapes that cannot be broadcast together (NumPy's rules) in `op`.
    case broadcastMismatch(op: String, lhs: [Int], rhs: [Int])
    /// The inner dimensions of a matrix product disagree.
    case matmulMismatch(lhs: [Int], rhs: [Int])
    /// An axis outside `-rank ..< rank`.
    case invalidAxis(axis: Int, rank: Int)
    /// An index outside `-size ..< size` along an axis.
    case indexOutOfRange(index: Int, axis: Int, size: Int)
    /// More indices than the tensor has axes.
    case tooManyIndices(count: Int, rank: Int)
    /// A slice step of zero.
    case zeroSliceStep(axis: Int)
    /// `reshape` to a shape with a different number of elements (or a bad -1).
    case invalidReshape(from: [Int], to: [Int])
    /// A shape with a negative dimension, or a transpose permutation that is not one.
    case invalidShape([Int])
    /// More elements than the allocation limit allows (see `TensorAllocationLimit`).
    case tooLarge(shape: [Int], limit: Int)
    /// A new tensor would take the elements held by all live tensors beyond the memory limit.
    case memoryFull(shape: [Int], held: Int, limit: Int)
    /// The flat data does not fill the shape.
    case dataCountMismatch(shape: [Int], count: Int)
    /// An operation that needs a certain rank got another one.
    case rankMismatch(op: String, expected: String, shape: [Int])
    /// Tensors to concatenate or stack disagree off the joining axis.
    case joinMismatch(op: String, axis: Int, shapes: [[Int]])
    /// A reduction with no identity (max, min, argmax) over zero elements.
    case emptyReduction(op: String, shape: [Int])
    /// A convolution kernel or pooling window that does not fit its `[n, c, h, w]` input (too
    /// large for the padded input, a channel count that differs, a stride below 1, …); `window`
    /// is the kernel's shape `[f, c, kh, kw]` or the pooling window's `[size, size]`.
    case windowMismatch(op: String, input: [Int], window: [Int], problem: String, fix: String)
    /// `backward` from a non-scalar without an explicit seed gradient.
    case nonScalarBackward(shape: [Int])
    /// A seed or gradient whose shape does not match the tensor it belongs to.
    case gradientShapeMismatch(expected: [Int], got: [Int])
    /// An argument outside its domain (e.g. `linspace` with a negative count).
    case invalidArgument(String)
    /// A long walk over a graph was stopped because the person asked (Ctrl-C).
    case interrupted
}

extension TensorError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .broadcastMismatch(op, lhs, rhs):
            return "\(op): cannot broadcast shapes \(lhs) and \(rhs)"
        case let .matmulMismatch(lhs, rhs):
            return "matmul: inner dimensions differ, \(lhs) @ \(rhs)"
        case let .invalidAxis(axis, rank):
            return "axis \(axis) is out of range for a tensor of rank \(rank)"
        case let .indexOutOfRange(index, axis, size):
            return "index \(index) is out of range for axis \(axis) of size \(size)"
        case let .tooManyIndices(count, rank):
            return "too many indices: a tensor of rank \(rank) takes at most \(rank), got \(count)"
        case let .zeroSliceStep(axis):
            return "slice step cannot be zero (axis \(axis))"
        case let .invalidReshape(from, to):
            return "cannot reshape \(from) into \(to)"
        case let .invalidShape(shape):
            return "invalid shape \(shape)"
        case let .tooLarge(shape, limit):
            if shape.contains(0), !shape.allSatisfy({ $0 == 0 }) {
                return "a tensor of shape \(shape) exceeds the allocation limit of \(limit) elements "
                    + "(empty, but its other sizes size what is computed from it)"
            }
            return "a tensor of shape \(shape) exceeds the allocation limit of \(limit) elements"
        case let .memoryFull(shape, held, limit):
            return "a tensor of shape \(shape) does not fit: the tensors held already take \(held) of the "
                + "\(limit) elements memory allows"
        case let .dataCountMismatch(shape, count):
            return "\(count) values cannot fill shape \(shape)"
        case let .rankMismatch(op, expected, shape):
            return "\(op) expects \(expected), got shape \(shape)"
        case let .joinMismatch(op, axis, shapes):
            return "\(op) along axis \(axis): shapes \(shapes.map { "\($0)" }.joined(separator: ", ")) do not match"
        case let .emptyReduction(op, shape):
            return "\(op) of an empty tensor of shape \(shape)"
        case let .windowMismatch(op, input, window, problem, _):
            return "\(op) of input \(input) with \(window.count == 4 ? "kernel" : "window") \(window): \(problem)"
        case let .nonScalarBackward(shape):
            return "backward from a tensor of shape \(shape) needs seed= (an upstream gradient of that shape)"
        case let .gradientShapeMismatch(expected, got):
            return "gradient of shape \(got) does not match shape \(expected)"
        case let .invalidArgument(message):
            return message
        case .interrupted:
            return "interrupted"
        }
    }
}
