import Autodiff

/// Prints tensors the way NumPy does, with gradbook's header (docs/language.md, "Output"):
///
/// ```
/// tensor[2×3]
/// [[ 0.1000,  0.2000, -0.3000],
///  [ 1.0000,  2.0000,  3.0000]]
/// ```
///
/// Every element of one tensor shares a notation (fixed or scientific) and a width, so columns
/// line up. Axes longer than `edgeItems·2` are elided to their first and last `edgeItems`
/// entries with `...`, as NumPy does beyond its threshold.
public struct TensorFormatter: Sendable {
    public var numbers: NumberFormat
    /// Entries shown at each end of an elided axis.
    public var edgeItems = 3
    /// Axes longer than this are elided (beyond 6 rows or columns, as NumPy elides beyond its threshold).
    public var threshold = 6

    /// When set, a tensor of at most this many elements is shown whole, whatever its axes
    /// (NumPy's print threshold: `show` uses 1,000); nil elides every long axis.
    public var wholeUpTo: Int?

    /// NumPy's print threshold: arrays of more elements than this print summarised.
    public static let numPyThreshold = 1000

    public init(numbers: NumberFormat = NumberFormat(), wholeUpTo: Int? = nil) {
        self.numbers = numbers
        self.wholeUpTo = wholeUpTo
    }

    /// The header and the values; a 0-d tensor is just its number.
    public func format(_ t: Tensor) -> String {
        if t.rank == 0 { return numbers.format(t.scalar ?? .nan) }
        if let limit = wholeUpTo, t.count <= limit, threshold < Int.max {
            var whole = self
            whole.threshold = Int.max
            return whole.format(t)
        }
        return "tensor[\(ShapeMath.describe(t.shape))]\n" + body(t)
    }

    /// The bracketed values without the header.
    public func body(_ t: Tensor) -> String {
        let values = t.scalars
        let shown = visibleValues(t)
        let scientific = shown.contains { numbers.needsScientific(Double($0)) }
        let width = shown.map { numbers.format(Double($0), scientific: scientific).count }.max() ?? 1
        let strides = ShapeMath.stridesOf(t.shape)
        var out = ""
        render(values, shape: t.shape, strides: strides, axis: 0, offset: 0, indent: 1,
               scientific: scientific, width: width, into: &out)
        return out
    }

    private func render(
        _ values: [Float], shape: [Int], strides: [Int], axis: Int, offset: Int, indent: Int,
        scientific: Bool, width: Int, into out: inout String
    ) {
        let size = shape[axis]
        let indices = visibleIndices(size)
        out += "["
        if axis == shape.count - 1 {
            var parts: [String] = []
            for i in indices {
                guard let i else { parts.append("..."); continue }
                let text = numbers.format(Double(values[offset + i * strides[axis]]), scientific: scientific)
                parts.append(String(repeating: " ", count: Swift.max(0, width - text.count)) + text)
            }
            out += parts.joined(separator: ", ")
        } else {
            let separator = "," + String(repeating: "\n", count: shape.count - 1 - axis)
                + String(repeating: " ", count: indent)
            for (k, i) in indices.enumerated() {
                if k > 0 { out += separator }
                guard let i else { out += "..."; continue }
                render(values, shape: shape, strides: strides, axis: axis + 1, offset: offset + i * strides[axis],
                       indent: indent + 1, scientific: scientific, width: width, into: &out)
            }
        }
        out += "]"
    }

    /// The positions shown along an axis of `size`, nil marking the `...`.
    func visibleIndices(_ size: Int) -> [Int?] {
        guard size > threshold else { return Array(0..<size) }
        return Array(0..<edgeItems) + [nil] + Array((size - edgeItems)..<size)
    }

    /// The values that will be printed (elided ones excluded), to size the columns.
    private func visibleValues(_ t: Tensor) -> [Float] {
        guard t.shape.contains(where: { $0 > threshold }) else { return t.scalars }
        var result: [Float] = []
        let strides = ShapeMath.stridesOf(t.shape)
        let values = t.scalars
        func walk(_ axis: Int, _ offset: Int) {
            if axis == t.rank { result.append(values[offset]); return }
            for i in visibleIndices(t.shape[axis]) { if let i { walk(axis + 1, offset + i * strides[axis]) } }
        }
        walk(0, 0)
        return result
    }
}
