/// The nodes `backward` has reached and not yet processed, deepest first (a binary max-heap on
/// `Node.depth`).
///
/// Deepest-first is a reverse topological order: a node is only ever consumed by deeper
/// nodes, and every reachable deeper node is reached before the walk comes down to it. So
/// `backward` needs no separate topological sort, and each node can be processed and let go
/// while it is still in cache. On a chain the heap holds one or two nodes.
struct DeepestFirst {
    private var heap: [Node] = []

    var isEmpty: Bool { heap.isEmpty }

    mutating func push(_ node: Node) {
        heap.append(node)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[parent].depth < heap[child].depth else { break }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    mutating func popDeepest() -> Node? {
        guard !heap.isEmpty else { return nil }
        if heap.count == 1 { return heap.removeLast() }
        heap.swapAt(0, heap.count - 1)
        let deepest = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var largest = parent
            if left < heap.count && heap[left].depth > heap[largest].depth { largest = left }
            if right < heap.count && heap[right].depth > heap[largest].depth { largest = right }
            guard largest != parent else { break }
            heap.swapAt(parent, largest)
            parent = largest
        }
        return deepest
    }
}
