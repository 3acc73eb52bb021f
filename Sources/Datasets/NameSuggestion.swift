/// "Did you mean …?" for a mistyped name: the closest candidate by edit distance.
enum NameSuggestion {
    /// The candidate closest to `name`, or nil when none is close enough to be a likely typo.
    ///
    /// A case-insensitive exact match wins outright (`Label` for `label`). Otherwise the
    /// candidate with the smallest Levenshtein distance, if that distance is at most a third of
    /// the longer name (at least 1, at most 3) — far enough to catch typos, near enough not to
    /// suggest `y` for `label`. Ties go to the earlier candidate.
    static func closest(to name: String, in candidates: [String]) -> String? {
        let lowered = name.lowercased()
        if let match = candidates.first(where: { $0.lowercased() == lowered }) { return match }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let d = distance(lowered, candidate.lowercased())
            let limit = min(3, max(1, max(name.count, candidate.count) / 3))
            if d <= limit, d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// The edit distance between two strings, over Unicode characters: insertions, deletions,
    /// substitutions and swaps of neighbours (`lable` → `label` is one edit), each costing 1 —
    /// the "optimal string alignment" variant of Damerau–Levenshtein.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // d[i][j]: the distance between a's first i characters and b's first j.
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let substitution = d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
