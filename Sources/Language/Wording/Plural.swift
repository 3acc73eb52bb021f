/// Counted nouns, in one place, so that no message says `1 layers` or `2 index`.
///
/// ```swift
/// Plural.count(1, "layer")     // "1 layer"
/// Plural.count(0, "index")     // "0 indices"
/// Plural.noun(3, "row")        // "rows"
/// ```
public enum Plural {
    /// The plurals that are not the singular with `s` added, for the nouns messages count.
    private static let irregular: [String: String] = [
        "index": "indices", "matrix": "matrices", "axis": "axes", "batch": "batches", "class": "classes",
    ]

    /// The noun as it goes with `n`: singular for 1 (and -1), plural otherwise (`0 rows`).
    public static func noun(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        if n == 1 || n == -1 { return singular }
        return plural ?? irregular[singular] ?? singular + "s"
    }

    /// The count and its noun: `1 layer`, `2 layers`, `0 layers`.
    public static func count(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        "\(n) \(noun(n, singular, plural: plural))"
    }
}
