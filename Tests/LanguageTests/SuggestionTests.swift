import Testing
@testable import Language

@Test(arguments: [
    ("", "", 0),
    ("", "abc", 3),
    ("abc", "", 3),
    ("fit", "fit", 0),
    ("fit", "fix", 1),
    ("summary", "summry", 1),
    ("W1", "1W", 1),          // a swap of neighbours is one edit
    ("ca", "abc", 3),         // optimal string alignment, not unrestricted Damerau
    ("kitten", "sitting", 3),
    ("θ", "α", 1),            // counted in Characters
    ("x̂", "x", 1),
    ("sigmoid", "sigmiod", 1),
])
func editDistances(a: String, b: String, distance: Int) {
    #expect(editDistance(a, b) == distance)
    #expect(editDistance(b, a) == distance)
}

@Test func suggestionsRankCloseMatchesBestFirst() {
    #expect(suggestions(for: "w1", among: ["W1", "W2", "b1"]) == ["W1", "b1", "W2"])
    #expect(suggestions(for: "summry", among: ["summary", "sum", "seed", "stats"]) == ["summary"])
    #expect(suggestions(for: "sigmiod", among: ["sigmoid", "sign", "softmax"]) == ["sigmoid"])
    #expect(suggestions(for: "summ", among: ["summary", "sum", "seed"]) == ["sum", "summary"])
    #expect(suggestions(for: "fti", among: ["fit", "fix", "gradcheck"]) == ["fit"])   // a swap
    // Case-only differences come first; ties fall back to the exact-case distance, then the name.
    #expect(suggestions(for: "Relu", among: ["relu", "gelu", "elu"]) == ["relu", "elu", "gelu"])
    #expect(suggestions(for: "Adam", among: ["adamw", "adam", "Adan"]) == ["adam", "Adan", "adamw"])
}

@Test func suggestionsLeaveOutTheNameFarMatchesAndDuplicates() {
    #expect(suggestions(for: "fit", among: ["fit", "fit", "fix", "fix"]) == ["fix"])
    #expect(suggestions(for: "x", among: ["model", "history"]) == [])
    #expect(suggestions(for: "a", among: ["b", "c", "d", "e"], limit: 2) == ["b", "c"])
    #expect(suggestions(for: "a", among: ["b"], limit: 0) == [])
    #expect(suggestions(for: "", among: ["a", "bb"]) == ["a"])
    #expect(suggestions(for: "θ1", among: ["θ2", "α1", "theta"]) == ["α1", "θ2"])
}

@Test func suggestionsStayFastForLongNames() {
    let long = String(repeating: "a", count: 100_000)
    #expect(suggestions(for: long, among: ["fit", "summary"]) == [])
}
