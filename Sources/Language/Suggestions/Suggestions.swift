/// The candidates close enough to `name` to suggest in "did you mean …?", best first.
///
/// A candidate is close when its case-insensitive edit distance from `name` is at most
/// `max(1, name.count / 3)` — one slip in a short name, a third of a long one (`summry` →
/// `summary`, `w1` → `W1`, `lr` → `l1`) — or when `name` is a prefix of it at least three
/// characters long (`summ` → `summary`). Ranking: case-insensitive distance, then exact-case
/// distance (so `W1` beats `w2` for `w1`), then the candidate's name, for a stable order.
/// `name` itself is never suggested; duplicates count once; at most `limit` come back.
///
/// ```swift
/// suggestions(for: "w1", among: ["W1", "W2", "b1"])   // ["W1", "b1", "W2"]
/// ```
public func suggestions(for name: String, among candidates: [String], limit: Int = 3) -> [String] {
    let lowered = Array(name.lowercased())
    let threshold = max(1, lowered.count / 3)
    var scored: [(candidate: String, folded: Int, exact: Int)] = []
    var seen: Set<String> = [name]
    for candidate in candidates where seen.insert(candidate).inserted {
        let loweredCandidate = Array(candidate.lowercased())
        let isPrefix = lowered.count >= 3 && loweredCandidate.starts(with: lowered)
        guard isPrefix || abs(loweredCandidate.count - lowered.count) <= threshold else { continue }
        let folded = editDistance(lowered, loweredCandidate)
        guard folded <= threshold || isPrefix else { continue }
        scored.append((candidate, folded, editDistance(name, candidate)))
    }
    scored.sort { ($0.folded, $0.exact, $0.candidate) < ($1.folded, $1.exact, $1.candidate) }
    return scored.prefix(max(0, limit)).map(\.candidate)
}
