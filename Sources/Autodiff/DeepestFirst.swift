/// The nodes `backward` has reached and not yet processed, deepest first (a binary max-heap on
/// `Node.depth`).
///
/// Deepest-first is a reverse topological order: a node is only ever consumed by deeper
/// nodes, and every reachable deeper node is reached before the walk comes down to it. So
/// `backward` needs no separate topological sort, and each node can be processed and let go
/// while it is still in cache. On a chain the heap holds one or two nodes.
///
/// The heap owns one reference to each node it holds (taken in `push`, handed over by
/// `popDeepest`) and moves them around as unmanaged pointers: sifting with strong references
/// counted every move.
struct DeepestFirst: ~Copyable {
    private var heap: [Unmanaged<Node>] = []

    mutating func push(_ node: Node) {
        let entry = Unmanaged.passRetained(node)
        let depth = node.depth
        heap.append(entry)
        var hole = heap.count - 1
        while hole > 0 {
            let parent = (hole - 1) / 2
            guard heap[parent]._withUnsafeGuaranteedRef({ $0.depth }) < depth else { break }
            heap[hole] = heap[parent]
            hole = parent
        }
        heap[hole] = entry
    }

    /// The deepest node, with the reference the heap held.
    mutating func popDeepest() -> Node? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last.takeRetainedValue() }
        let deepest = heap[0]
        let depth = last._withUnsafeGuaranteedRef { $0.depth }
        var hole = 0
        while true {
            let left = 2 * hole + 1
            guard left < heap.count else { break }
            var child = left
            if left + 1 < heap.count,
               heap[left + 1]._withUnsafeGuaranteedRef({ $0.depth }) > heap[left]._withUnsafeGuaranteedRef({ $0.depth }) {
                child = left + 1
            }
            guard heap[child]._withUnsafeGuaranteedRef({ $0.depth }) > depth else { break }
            heap[hole] = heap[child]
            hole = child
        }
        heap[hole] = last
        return deepest.takeRetainedValue()
    }

    deinit {
        for entry in heap { entry.release() }  // only when backward stopped at an error
    }
}
