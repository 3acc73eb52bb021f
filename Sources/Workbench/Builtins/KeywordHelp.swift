/// The help of the language's keywords and operators, which are not built-ins but are asked
/// about the same way (`help for`, `help break`, `help <`).
///
/// Each entry's example is a small program that runs as written (a test runs every one), so
/// `help` never shows a form the parser would refuse.
public struct KeywordHelp: Sendable {
    /// The words this entry answers for (`else` is answered with `if`).
    public let words: [String]
    /// How it is written.
    public let syntax: String
    public let summary: String
    /// Lines that run as written at the prompt, as one cell.
    public let example: String

    /// Every entry.
    public static let all: [KeywordHelp] = [
        KeywordHelp(
            words: ["if", "else"], syntax: "if cond … else if cond … else … end",
            summary: "Runs the first part whose condition is true, else the else part (both optional). "
                + "A condition is a boolean or a single number (non-zero is true); a tensor of several "
                + "elements needs any(t) or all(t). Names assigned inside are workspace names at the top level.",
            example: "x = 3\nif x > 2\n  size = \"big\"\nelse if x > 1\n  size = \"medium\"\nelse\n  size = \"small\"\nend\nsize"),
        KeywordHelp(
            words: ["for", "in"], syntax: "for i in N … end · for x in t … end",
            summary: "Runs the body with i = 0, 1, …, N−1; or with x each element of a 1-D tensor, each item "
                + "of a list. i is a workspace name at the top level (a local in a def) and keeps its last value. "
                + "break leaves the loop; Ctrl-C stops it before the next iteration, keeping the ones done.",
            example: "total = 0\nfor i in 4\n  total = total + i\nend\nfor x in [0.5, 2]\n  total = total + x\nend\ntotal"),
        KeywordHelp(
            words: ["while"], syntax: "while cond … end",
            summary: "Runs the body while cond is true, testing it before each iteration (a boolean or a single "
                + "number). break leaves it; Ctrl-C and --timeout stop it before the next iteration.",
            example: "n = 1\nwhile n < 100\n  n = n * 2\nend\nn"),
        KeywordHelp(
            words: ["repeat"], syntax: "repeat N … end",
            summary: "Runs the body N times: a hand-written training loop. Names assigned inside are workspace names "
                + "at the top level; break leaves it; Ctrl-C stops it before the next iteration.",
            example: "w = param(2)\nrepeat 3\n  L = w^2\n  backward L\n  step w lr=0.25 quiet\nend\nw"),
        KeywordHelp(
            words: ["break"], syntax: "break",
            summary: "Leaves the innermost repeat, for or while (of the same function body); anywhere else it is an error.",
            example: "for i in 10\n  if i * i > 20\n    break\n  end\nend\ni"),
        KeywordHelp(
            words: ["def", "do", "end"], syntax: "def f(a, b) = expr · def f(a) do … end",
            summary: "Defines a function: one expression, or a block whose last statement is its value (end closes "
                + "every block). A function sees its parameters and locals, then the workspace, never its caller's locals.",
            example: "def sq(x) = x^2\ndef relu2(x) do\n  r = relu(x)\n  r * r\nend\nsq(3) + relu2(-1)"),
        KeywordHelp(
            words: ["and", "or", "not"], syntax: "a and b · a or b · not a",
            summary: "Logic on booleans or single numbers (non-zero is true), giving a boolean; and/or evaluate the "
                + "right side only when the left does not decide. Looser than comparisons: not a == b is not (a == b).",
            example: "x = 2\n(x > 0 and x < 5) or not (x == 2)"),
        KeywordHelp(
            words: ["<", "<=", ">", ">=", "==", "!="], syntax: "a < b · a <= b · a > b · a >= b · a == b · a != b",
            summary: "Elementwise comparisons with broadcasting: two single numbers give a boolean, tensors a float32 "
                + "tensor of 0s and 1s (mean(argmax(p, axis=1) == y) is an accuracy). Not differentiable: no gradient "
                + "flows through them (as through detach). They do not chain: write a < b and b < c.",
            example: "[1, 5, 3] > 2\nmean([1, 2, 3] == [1, 0, 3])"),
        KeywordHelp(
            words: ["true", "false"], syntax: "true · false",
            summary: "The two booleans: what a comparison of two numbers gives, and the value of a bare flag (quiet).",
            example: "big = 2 > 1\nbig and true"),
    ]

    /// Every word that has an entry.
    public static let keywords: [String] = all.flatMap(\.words)

    /// The entry for `word`, if it is a keyword or operator.
    public static func entry(for word: String) -> KeywordHelp? {
        all.first { $0.words.contains(word) }
    }

    /// What `help WORD` prints.
    public var text: String {
        var lines = [syntax, "  \(summary)", "  example:"]
        lines += example.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        return lines.joined(separator: "\n")
    }
}
