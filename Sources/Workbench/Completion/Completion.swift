/// What completion found: candidates that each replace the text from `start` to the cursor.
public struct Completion: Equatable, Sendable {
    /// Where the replaced word starts, in Unicode scalars from the start of the text.
    public var start: Int
    public var candidates: [String]

    public init(start: Int, candidates: [String]) {
        self.start = start
        self.candidates = candidates
    }

    /// The longest prefix all candidates share (what one Tab inserts), by Unicode scalars.
    public var commonPrefix: String {
        guard var prefix = candidates.first.map({ Array($0.unicodeScalars) }) else { return "" }
        for candidate in candidates.dropFirst() {
            let scalars = Array(candidate.unicodeScalars)
            var n = 0
            while n < prefix.count, n < scalars.count, prefix[n] == scalars[n] { n += 1 }
            prefix.removeLast(prefix.count - n)
        }
        return String(String.UnicodeScalarView(prefix))
    }
}

extension Completion {
    /// The candidates as replacements for the text from `otherStart` to the end of `text`, for a
    /// line editor that splits words its own way: the text between the two starts is put in
    /// front of each candidate, or taken off it (a candidate that does not begin with that text
    /// is dropped).
    public func candidates(replacingFrom otherStart: Int, in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        guard otherStart >= 0, otherStart <= scalars.count, start <= scalars.count else { return [] }
        if otherStart <= start {
            let lead = String(String.UnicodeScalarView(scalars[otherStart..<start]))
            return candidates.map { lead + $0 }
        }
        let typed = scalars[start..<otherStart]
        return candidates.compactMap { candidate in
            let c = Array(candidate.unicodeScalars)
            guard c.starts(with: typed) else { return nil }
            return String(String.UnicodeScalarView(c[typed.count...]))
        }
    }
}
