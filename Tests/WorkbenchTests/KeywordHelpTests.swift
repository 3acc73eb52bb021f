import Testing
@testable import Workbench

/// Keywords and operators have help, as built-ins do, and each example runs.
struct KeywordHelpTests {
    @Test(arguments: KeywordHelp.all.map(\.words[0]))
    func exampleRuns(word: String) throws {
        let entry = try #require(KeywordHelp.entry(for: word))
        let s = RecordingSession()
        let outcomes = s.run(entry.example)
        #expect(!outcomes.isEmpty)
        #expect(outcomes.allSatisfy { $0.error == nil }, "\(word): \(outcomes.compactMap(\.error).joined())")
    }

    /// The examples compute what their help says: checked by hand.
    @Test func examplesGiveTheirValues() {
        let value = { (word: String) -> String in
            RecordingSession().run(KeywordHelp.entry(for: word)?.example ?? "").last?.valueText ?? ""
        }
        #expect(value("if") == "big")                 // x = 3 > 2
        #expect(value("for") == "8.5000")             // 0+1+2+3 + 0.5+2
        #expect(value("while") == "128.0000")         // 1, 2, 4, …, 128
        #expect(value("break") == "5")                // 5·5 = 25 > 20 first
        #expect(value("def") == "9.0000")             // 3² + relu(−1)²
        #expect(value("and") == "true")
        #expect(value("true") == "true")
        // repeat: w ← w − 0.25·2w = w/2, three times: 2 → 0.25.
        #expect(value("repeat").hasSuffix("0.2500"), "\(value("repeat"))")
    }

    @Test(arguments: ["if", "else", "for", "in", "while", "break", "repeat", "def", "do", "end",
                      "and", "or", "not", "<", "<=", ">", ">=", "==", "!=", "true", "false"])
    func helpAnswers(word: String) throws {
        let s = RecordingSession()
        let entry = try #require(KeywordHelp.entry(for: word))
        let text = s.output("help \(word)")
        #expect(text.contains(entry.summary), "help \(word): \(text)")
        #expect(text.contains("  example:\n    "), "help \(word): \(text)")
    }

    @Test func comparisonsSayTheyAreNotDifferentiable() {
        let text = RecordingSession().output("help <")
        #expect(text.contains("Not differentiable: no gradient flows through them"), "\(text)")
    }

    @Test func overviewListsTheKeywords() {
        let text = RecordingSession().output("help")
        #expect(text.contains("Keywords and operators (help WORD):"), "\(text)")
        let words = Set(text.split(whereSeparator: \.isWhitespace).map(String.init))
        for word in ["if", "else", "for", "in", "while", "repeat", "break", "def", "do", "end", "<=", "!="] {
            #expect(words.contains(word), "\(word) in \(text)")
        }
        #expect(RecordingSession().error("help iff").contains("did you mean if?"))
    }

    @Test func completionOffersTheKeywords() {
        let completer = Completer()
        #expect(completer.complete("wh").candidates == ["while"])
        #expect(completer.complete("br").candidates == ["break"])
        #expect(completer.complete("for i i").candidates.contains("in"))
        #expect(completer.complete("help re").candidates.contains("repeat"))
        #expect(completer.complete("x = n").candidates.contains("not"))
    }
}
