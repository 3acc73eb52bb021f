/// The edit distance between two strings: the fewest single-character insertions, deletions,
/// substitutions and swaps of two adjacent characters that turn one into the other.
///
/// This is the optimal-string-alignment form of Damerau–Levenshtein (a swap counts once,
/// `W1` → `1W` is 1; no substring is edited twice). It counts `Character`s, so `θ` is one
/// edit from `α`. Time O(|a|·|b|), memory O(|b|).
public func editDistance(_ a: String, _ b: String) -> Int {
    editDistance(Array(a), Array(b))
}

/// The edit distance between two arrays of characters (see `editDistance(_:_:)`).
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    // Three rows of the dynamic-programming table: two back (for swaps), one back, current.
    var twoBack = [Int](repeating: 0, count: b.count + 1)
    var oneBack = Array(0...b.count)
    var row = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        row[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var best = min(oneBack[j] + 1, row[j - 1] + 1, oneBack[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                best = min(best, twoBack[j - 2] + 1)
            }
            row[j] = best
        }
        (twoBack, oneBack, row) = (oneBack, row, twoBack)
    }
    return oneBack[b.count]
}
