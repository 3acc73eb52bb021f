import Autodiff

/// What to tell someone who asks for a gradient before any `backward` reached it.
extension Session {
    /// `run backward L first`, naming as L the newest single number in the workspace that
    /// was computed from `p` (so `backward` on it gives `p` a gradient), when there is one.
    func backwardHint(for p: Tensor) -> String {
        guard let target = p.node else { return "run backward L first, where L is a number computed from it" }
        for name in variableNames.reversed() {
            guard case .tensor(let t)? = workspace[name], t.count == 1, let node = t.node, node !== target else { continue }
            if Session.graph(from: node, reaches: target) { return "run backward \(name) first (\(name) is computed from it)" }
        }
        return "run backward L first, where L is a number computed from it"
    }

    /// Whether `target` is among the nodes that `start` was computed from (iterative: a deep
    /// graph must not overflow the stack).
    static func graph(from start: Node, reaches target: Node) -> Bool {
        var seen: Set<ObjectIdentifier> = [ObjectIdentifier(start)]
        var pending = [start]
        while let node = pending.popLast() {
            if node === target { return true }
            for parent in node.parents where seen.insert(ObjectIdentifier(parent)).inserted { pending.append(parent) }
        }
        return false
    }
}
