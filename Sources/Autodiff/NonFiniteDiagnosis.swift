import CVectorKernels

/// Finds where a NaN or an infinity first appeared in a graph, and guesses why.
///
/// It costs nothing until something is non-finite: training checks the loss and the gradient
/// norms, and only then walks the graph (forward values in topological order, gradients in
/// reverse) to name the first op whose inputs were finite but whose result was not.
public struct NonFiniteReport: Sendable, Equatable, CustomStringConvertible {
    public enum Phase: String, Sendable { case forward, backward }
    public let phase: Phase
    /// The op that produced the first non-finite value (`exp`, `log`, `matmul`, …).
    public let op: String
    /// The layer it belongs to, when known (`dense_1`).
    public let scope: String?
    /// The session name of the value, when it has one.
    public let label: String?
    public let inputShapes: [[Int]]
    public let outputShape: [Int]
    public let likelyCause: String

    public var description: String {
        let place = [scope.map { "in \($0)" }, label.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        let shapes = inputShapes.map { "\($0)" }.joined(separator: ", ")
        let what = phase == .forward ? "a non-finite value" : "a non-finite gradient"
        return "\(what) first appeared in \(op)\(place.isEmpty ? "" : " " + place) "
            + "(inputs \(shapes) → \(outputShape)); likely cause: \(likelyCause)"
    }
}

extension Tensor {
    /// True when every element is finite (a vectorised C loop: training asks every step).
    public var isFinite: Bool {
        gb_all_finite(storage.base, count) != 0
    }

    /// The first node (in forward order) whose value is non-finite while its inputs are finite.
    /// The graph must still hold its inputs (before a releasing `backward`).
    public func diagnoseNonFiniteForward() -> NonFiniteReport? {
        guard let root = node else { return nil }
        for n in Tensor.topologicalOrder(from: root) {
            guard let value = n.value, !value.isFinite else { continue }
            let inputsFinite = n.inputs.allSatisfy(\.isFinite)
            guard inputsFinite || n.inputs.isEmpty else { continue }
            return NonFiniteReport(
                phase: .forward, op: n.op.name, scope: n.scope, label: n.label,
                inputShapes: n.inputs.map(\.shape), outputShape: n.shape,
                likelyCause: Tensor.likelyForwardCause(n))
        }
        if !isFinite, let root = node {
            return NonFiniteReport(phase: .forward, op: root.op.name, scope: root.scope, label: root.label,
                                   inputShapes: root.inputs.map(\.shape), outputShape: root.shape,
                                   likelyCause: "a param or input already held NaN or infinity")
        }
        return nil
    }

    /// The first node (in backward order) whose gradient is finite but that passes a
    /// non-finite gradient to an input. Needs a graph kept by `backward(keepGraph: true)`.
    public func diagnoseNonFiniteBackward() -> NonFiniteReport? {
        guard let root = node else { return nil }
        for n in Tensor.topologicalOrder(from: root).reversed() {
            guard let g = n.grad, g.isFinite else {
                if n === root { return report(n, cause: "the loss itself is not finite") }
                continue
            }
            let children = n.inputs.compactMap(\.node)
            if children.contains(where: { !($0.grad?.isFinite ?? true) }) {
                let cause = n.op == .divide || n.op == .log || n.op == .sqrt || n.op == .power
                    ? "the local derivative of \(n.op.name) is infinite here (an input at or near 0)"
                    : "gradients too large for float32: a learning rate too large, or exploding activations"
                return report(n, cause: cause)
            }
        }
        return nil
    }

    private func report(_ n: Node, cause: String) -> NonFiniteReport {
        NonFiniteReport(phase: .backward, op: n.op.name, scope: n.scope, label: n.label,
                        inputShapes: n.inputs.map(\.shape), outputShape: n.shape, likelyCause: cause)
    }

    static func likelyForwardCause(_ n: Node) -> String {
        let largest = n.inputs.map { t in t.withUnsafeBufferPointer { $0.map { Swift.abs($0) }.max() ?? 0 } }.max() ?? 0
        switch n.op {
        case .exp: return "exp overflow: an input of \(largest) is above 88.7, where float32 eˣ is infinite"
        case .log: return "log of 0 or of a negative number"
        case .divide: return "division by zero"
        case .sqrt: return "square root of a negative number"
        case .power: return "a power of a negative base, or an overflow"
        case .bce, .categoricalCrossEntropy: return "log of a probability of 0 (clipping failed or NaN input)"
        default:
            return largest > 1e18
                ? "values grew beyond float32's range (largest input \(largest)): a learning rate too large?"
                : "an invalid operation (∞ − ∞, 0·∞) on finite-looking inputs"
        }
    }
}
