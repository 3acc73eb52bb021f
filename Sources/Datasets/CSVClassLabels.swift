/// The classes of a text target column: each distinct value numbered as first seen while
/// parsing, renumbered in sorted order once the whole file has been read.
struct CSVClassLabels {
    private var ids: [String: Int] = [:]
    /// The distinct values in the order first seen.
    private(set) var names: [String] = []

    /// The class number of `text` (a new one if it was not seen before), as a float for `y`.
    mutating func id<Text: Collection>(of text: Text) -> Float where Text.Element == UInt8 {
        let name = String(decoding: text, as: UTF8.self)
        if let id = ids[name] { return Float(id) }
        ids[name] = names.count
        names.append(name)
        return Float(names.count - 1)
    }

    /// The class names in sorted order (by Unicode code point, as Python's `sorted` and NumPy's
    /// `unique` order them, so `setosa, versicolor, virginica` become 0, 1, 2 as in
    /// scikit-learn), and for each first-seen number its sorted one.
    func sorted() -> (names: [String], renumbering: [Float]) {
        // UTF-8 byte order is code point order.
        let order = names.indices.sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
        var renumbering = [Float](repeating: 0, count: names.count)
        for (sortedIndex, firstSeen) in order.enumerated() { renumbering[firstSeen] = Float(sortedIndex) }
        return (order.map { names[$0] }, renumbering)
    }
}
