import Autodiff

/// `walk L` (backprop one node at a time) and `trace L` (the forward pass as a table).
struct WalkReport {
    let names: GraphNames
    let numbers: NumberFormat

    /// The text of one backprop step.
    func render(_ step: BackpropStep, index: Int, of total: Int, loss: String) -> String {
        let node = step.node
        let inputNames = node.inputs.map { names.name(of: $0) }
        let name = names.name(of: node)
        let formula = node.op.forward(inputNames, isScalar: node.shape.isEmpty)
        var lines = ["step \(index) of \(total): \(name == formula ? name : "\(name) = \(formula)")   [\(node.op.name)]",
                     "  upstream ∂\(loss)/∂\(GraphNames.inDerivative(name)) = \(value(step.upstream))"]
        for c in step.contributions {
            let child = inputNames[c.inputIndex]
            let local = names.localDerivative(node, c.inputIndex)
            if let d = c.localDerivative {
                lines.append("  ∂\(GraphNames.inDerivative(name))/∂\(GraphNames.inDerivative(child)) = \(local) = \(numbers.format(d))   → adds \(numbers.format(c.contribution.scalar ?? .nan)) to ∂\(loss)/∂\(GraphNames.inDerivative(child))")
            } else {
                lines.append("  local rule: \(local)   → adds \(value(c.contribution)) to ∂\(loss)/∂\(GraphNames.inDerivative(child))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `trace L`: every node in forward order with its formula, shape and value.
    func trace(_ nodes: [Node], root: Tensor) -> String {
        var rows: [[String]] = []
        for (i, n) in nodes.enumerated() {
            let inputNames = n.inputs.map { names.name(of: $0) }
            let formula = n.isLeaf ? "param" : n.op.forward(inputNames, isScalar: n.shape.isEmpty)
            let v: String
            if let value = n.value { v = self.value(value) } else if n.isLeaf { v = leafValue(n, in: nodes) ?? "—" } else { v = "—" }
            rows.append([String(i + 1), names.name(of: n), formula, n.shape.isEmpty ? "scalar" : "[" + ShapeMath.describe(n.shape) + "]", v])
        }
        return TextTable(headers: ["#", "name", "formula", "shape", "value"], rows: rows, rightAligned: [true, false, false, false, false]).render()
    }

    /// A number, or a tensor's shape with its mean and norm.
    func value(_ t: Tensor) -> String {
        if t.count == 1 { return numbers.format(t.scalar ?? .nan) }
        let s = TensorStatistics(t)
        return "[\(ShapeMath.describe(t.shape))] mean \(numbers.format(s.mean)), ‖·‖ \(numbers.format(s.norm))"
    }

    /// A param's value as its consumer saw it.
    func leafValue(_ leaf: Node, in nodes: [Node]) -> String? {
        for n in nodes {
            if let input = n.inputs.first(where: { $0.node === leaf }) { return value(input) }
        }
        return nil
    }
}

/// `graph L`: the computation graph as a tree in the terminal, each node with its value and
/// gradient (micrograd's draw_dot, without Graphviz), or as Graphviz DOT.
struct GraphDrawing {
    let names: GraphNames
    let walk: WalkReport

    /// The deepest indentation drawn: past it the drawing starts again at the left margin
    /// (marked with the depth), so that each line stays short and the whole drawing grows
    /// linearly with the graph (a chain of n steps indented all the way would be n²/2 wide).
    static let maxIndent = 24

    /// The tree, or nil when `shouldStop` (asked every few hundred lines) says to stop.
    func tree(_ root: Node, shouldStop: () -> Bool = { false }) -> String? {
        var lines: [String] = []
        var shown = Set<ObjectIdentifier>()
        // Iterative depth-first drawing: (the value as its consumer saw it, its line's prefix,
        // the prefix of its inputs' lines, its depth).
        var stack: [(input: Tensor?, node: Node?, own: String, children: String, depth: Int)] = [(nil, root, "", "", 0)]
        while let (input, maybeNode, own, childPrefix, depth) = stack.popLast() {
            if lines.count % ChainRule.nodesPerInterruptCheck == ChainRule.nodesPerInterruptCheck - 1, shouldStop() { return nil }
            guard let n = maybeNode else {
                if let input { lines.append(own + "\(names.name(of: input))  const \(walk.value(input))") }
                continue
            }
            let id = ObjectIdentifier(n)
            let inputNames = n.inputs.map { names.name(of: $0) }
            let name = names.name(of: n)
            var label = name
            if n.isLeaf {
                label += "  param"
            } else {
                let formula = n.op.forward(inputNames, isScalar: n.shape.isEmpty)
                if formula != name { label += " = \(formula)" }
            }
            let value = n.value.map(walk.value) ?? input.map(walk.value) ?? "—"
            let grad = n.grad.map(walk.value) ?? "—"
            if shown.contains(id), !n.isLeaf {
                lines.append(own + "\(name)  (shown above)")
                continue
            }
            shown.insert(id)
            lines.append(own + "\(label)   value \(value)   grad \(grad)")
            let restart = (depth + 1) % GraphDrawing.maxIndent == 0
            for (k, child) in n.inputs.enumerated().reversed() {
                let last = k == n.inputs.count - 1
                let childOwn = restart ? "↳ depth \(depth + 1): " : childPrefix + (last ? "└─ " : "├─ ")
                let grandchildren = restart ? "   " : childPrefix + (last ? "   " : "│  ")
                stack.append((child, child.node, childOwn, grandchildren, depth + 1))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The graph in Graphviz DOT: one record per value (name, value, grad), an op node per
    /// computation, edges from inputs to ops to outputs.
    func dot(_ root: Node) -> String {
        var lines = ["digraph gradbook {", "  rankdir=LR;", "  node [shape=record, fontname=\"monospace\"];"]
        var ids: [ObjectIdentifier: String] = [:]
        var constants = 0
        for (i, n) in Tensor.topologicalOrder(from: root).enumerated() {
            let id = "n\(i)"
            ids[ObjectIdentifier(n)] = id
            let value = n.value.map(walk.value) ?? "param"
            let grad = n.grad.map(walk.value) ?? "—"
            lines.append("  \(id) [label=\"{ \(escape(names.name(of: n))) | value \(escape(value)) | grad \(escape(grad)) }\"];")
            guard !n.isLeaf else { continue }
            lines.append("  \(id)_op [label=\"\(escape(n.op.name))\", shape=circle];")
            lines.append("  \(id)_op -> \(id);")
            for input in n.inputs {
                if let child = input.node, let childID = ids[ObjectIdentifier(child)] {
                    lines.append("  \(childID) -> \(id)_op;")
                } else {
                    constants += 1
                    lines.append("  c\(constants) [label=\"{ \(escape(names.name(of: input))) | const }\", style=dashed];")
                    lines.append("  c\(constants) -> \(id)_op;")
                }
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            if "{}|<>\"\\".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
