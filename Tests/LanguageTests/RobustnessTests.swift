import Foundation
import Testing
@testable import Language

/// Checks what must hold for any input: the parse ends, every range lies inside the source,
/// the diagnostics render, and a complete program dumps and compares.
func checkInvariants(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let source = SourceText(text)
    let outcome = Parser.parse(source)
    let size = source.text.utf8.count
    switch outcome {
    case .complete(let program):
        for statement in program.statements {
            #expect(statement.range.start.offset >= 0 && statement.range.end.offset <= size,
                    sourceLocation: sourceLocation)
        }
        #expect(program.isEquivalent(to: program), sourceLocation: sourceLocation)
        _ = program.sexpr
    case .incomplete(let diagnostic):
        #expect(diagnostic.range.end.offset <= size, sourceLocation: sourceLocation)
        _ = DiagnosticRenderer(style: .file).render(diagnostic, in: source)
    case .failed(let diagnostics):
        #expect(!diagnostics.isEmpty && diagnostics.count <= Parser.maxDiagnostics, sourceLocation: sourceLocation)
        for diagnostic in diagnostics {
            #expect(diagnostic.range.start.offset <= diagnostic.range.end.offset, sourceLocation: sourceLocation)
            #expect(diagnostic.range.end.offset <= size, sourceLocation: sourceLocation)
        }
        _ = DiagnosticRenderer(style: .file, usesColor: true).render(diagnostics, in: source)
    }
}

/// The pieces random programs are made of: every token kind, and some trouble.
let soupVocabulary = [
    "x", "θ", "W1", "fit", "model", "repeat", "def", "do", "end", "true", "false", "quiet",
    "0", "2", "0.5", "1e-3", "1e999", "2x", "\"s\"", "\"a\\qb\"", "\"open",
    "+", "-", "*", "/", "@", "^", "=", ",", ".", ":", "(", ")", "[", "]",
    "\n", "\n", "\n", " ", " ", "\t", "# c", "#> 1.0", "∇", ";", "'", "%", "é", "x̂", "🇫🇷", "\r\n",
    "epochs=", "lr=-", "f(", "x[", "[:, 0]", "repeat 3\n", "def f(a) do\n", "def g(a, b) = ", "end\n",
]

@Test func randomTokenSoupsNeverCrash() {
    var generator = SplitMix64(seed: 0x6772_6164_626F_6F6B)   // "gradbook"
    for _ in 0..<3000 {
        let count = Int.random(in: 0...40, using: &generator)
        var text = ""
        for _ in 0..<count {
            text += soupVocabulary.randomElement(using: &generator)!
            if Bool.random(using: &generator) { text += " " }
        }
        checkInvariants(text)
    }
}

@Test func randomMutationsOfValidProgramsNeverCrash() {
    let programs = [
        specTour,
        "repeat 100\n  L = (w*x - y)^2\n  backward L\n  step w lr=0.1\nend\n",
        "def f(a, b) = a*b + 1\ndef g(a) do\n  y = a^2\n  y[0, :] + model[0].W.T\nend\n",
        "x = [[1, 2], [3, 4]]\nshow x[:, 0] x[1:2:1]\na, b = split(data, 0.8, seed=1)\n",
        "θ = θ - α*δ  # update\n#> 0.5000\nfit model train epochs=10 quiet\n",
    ]
    var generator = SplitMix64(seed: 42)
    for round in 0..<3000 {
        var bytes = Array(programs[round % programs.count].utf8)
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            guard !bytes.isEmpty else { break }
            let index = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0:
                bytes.remove(at: index)
            case 1:
                let pool = Array("()[]=,.:^-+*\"\\#\n x0".utf8) + [0xCE, 0xB8, 0xFF]
                bytes.insert(pool.randomElement(using: &generator)!, at: index)
            default:
                let other = Int.random(in: 0..<bytes.count, using: &generator)
                bytes.swapAt(index, other)
            }
        }
        // Invalid UTF-8 becomes U+FFFD, as it would reading a damaged file.
        checkInvariants(String(decoding: bytes, as: UTF8.self))
    }
}

@Test func nestingAtTheLimitParsesAndBeyondItFails() {
    let limit = Parser.maxNestingDepth
    func parens(_ n: Int) -> String {
        "x = " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
    }
    #expect(parse(parens(limit)).program != nil)
    #expect(firstError(parens(limit + 1))?.message == .nestingTooDeep(limit: limit))
    let deep: [String] = [
        "x = " + String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1),
        "x = " + String(repeating: "-", count: limit + 1) + "1",
        "x = 2" + String(repeating: "^2", count: limit + 1),
        "x = 2" + String(repeating: "^-2", count: limit),
        "x = 1" + String(repeating: " + 1", count: limit + 1),
        "x = 1" + String(repeating: "*1", count: limit + 1),
        "x = a" + String(repeating: ".b", count: limit + 1),
        "x = a" + String(repeating: "[0]", count: limit + 1),
        "x = f" + String(repeating: "()", count: limit + 1),
        "x = " + String(repeating: "f(", count: limit + 1) + String(repeating: ")", count: limit + 1),
        "show " + String(repeating: "(", count: limit + 1) + String(repeating: ")", count: limit + 1),
        String(repeating: "repeat 1\n", count: limit + 1) + String(repeating: "end\n", count: limit + 1),
        String(repeating: "def f(a) do\n", count: limit + 1) + "a\n" + String(repeating: "end\n", count: limit + 1),
    ]
    for text in deep {
        #expect(firstError(text)?.message == .nestingTooDeep(limit: limit), "\(text.prefix(24))…")
    }
}

/// A megabyte of brackets or minus signs is rejected at the nesting limit, without deep
/// recursion; a megabyte of command arguments is fine. (Other shapes are checked at a quarter
/// of the size, to keep the debug-build test quick: there a token costs about a microsecond.)
@Test func megabyteLinesDoNotRecurseDeeply() {
    let megabyte = 1 << 20
    let quarter = megabyte / 4
    let deep = [
        String(repeating: "(", count: megabyte),
        "x = " + String(repeating: "-", count: megabyte) + "1",
        String(repeating: "[", count: quarter),
        "x = 2" + String(repeating: "^2", count: quarter / 2),
        "x = 1" + String(repeating: "+1", count: quarter / 2),
        "x = a" + String(repeating: ".b", count: quarter / 2),
        String(repeating: "repeat 1\n", count: quarter / 9),
    ]
    for text in deep {
        #expect(firstError(text)?.message == .nestingTooDeep(limit: Parser.maxNestingDepth))
    }
    let wide = [
        "show" + String(repeating: " x", count: megabyte / 2),
        "s = \"" + String(repeating: "θ", count: quarter / 2) + "\"",
        String(repeating: "a", count: quarter),
        "x = [" + String(repeating: "1, ", count: quarter / 3) + "]",
        String(repeating: "# comment\n", count: quarter / 10),
    ]
    for text in wide {
        #expect(parse(text).program != nil)
    }
    #expect(parse(String(repeating: "%", count: quarter)).diagnostics.count == 1)
    #expect(parse(String(repeating: "x = )\n", count: quarter / 6)).diagnostics.count == quarter / 6)
    #expect(parse("repeat 1\n" + String(repeating: "x = )\n", count: quarter / 6) + "end").diagnostics.count == Parser.maxDiagnostics)
}

/// The deepest inputs the parser accepts, on a thread with a fixed, modest stack: debug
/// builds need about 1 MB at the limit (release builds less), so 4 MB leaves headroom and
/// still catches a change that makes the parser's frames balloon.
@Test func deepestInputsFitInAModestStack() async {
    let limit = Parser.maxNestingDepth
    let inputs = [
        "x = " + String(repeating: "(", count: limit) + "1" + String(repeating: ")", count: limit),
        "x = " + String(repeating: "[", count: limit) + String(repeating: "]", count: limit),
        "x = " + String(repeating: "f(", count: limit) + String(repeating: ")", count: limit),
        "x = y" + String(repeating: "[a", count: limit) + String(repeating: "]", count: limit),
        String(repeating: "repeat 1\n", count: limit) + String(repeating: "end\n", count: limit),
        String(repeating: "def f(a) do\n", count: limit - 1) + "a\n" + String(repeating: "end\n", count: limit - 1),
        "show " + String(repeating: "(", count: limit - 1) + "1" + String(repeating: ")", count: limit - 1),
        "x = " + String(repeating: "a[", count: limit / 2) + String(repeating: ":]", count: limit / 2),
    ]
    let complete = await withCheckedContinuation { continuation in
        let thread = Thread {
            let results = inputs.map { text -> Bool in
                guard let program = parse(text).program else { return false }
                return program.isEquivalent(to: program) && !program.sexpr.isEmpty
            }
            continuation.resume(returning: results)
        }
        thread.stackSize = 4 << 20
        thread.start()
    }
    #expect(complete == Array(repeating: true, count: inputs.count))
}
