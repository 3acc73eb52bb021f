/// The catalogue: every message, hint and note gradbook shows a person, and its wording.
///
/// Code names *what* to say with a case and its values; `text` is the only place that says
/// it in English. Cases are grouped by where they arise; the interpreter adds its runtime
/// messages under the last MARK. Texts are short and lowercase, name what was expected and
/// what was found, and quote source as written (`'+'`, `name 'x'`).
public enum DiagnosticMessage: Sendable, Equatable {
    // MARK: Syntax — scanning

    /// A character the language has no use for: `∇`, `;`, `%`.
    case unexpectedCharacter(Character)
    /// A string with no closing `"` on its line.
    case unterminatedString
    /// A backslash escape other than `\"`, `\\`, `\n`, `\t` (the escape as written: `\q`).
    case unknownEscape(String)
    /// A number that runs into letters: `2x`, `1e`, `3_000`.
    case malformedNumber(String)
    /// A number literal too large for a `Double`: `1e999`.
    case numberOutOfRange(String)
    /// A warning: a literal beyond float32's range, which a tensor holds as ±inf: `3.5e38`.
    case numberBeyondFloat32(String)

    // MARK: Syntax — parsing

    /// An expression was needed (after `after`, when there is a token before).
    case expectedExpression(after: String?, found: Token.Kind)
    /// A closing bracket was needed to close `opener`.
    case expectedClosing(String, opener: String, found: Token.Kind)
    /// A statement was complete, but more followed on its line.
    case expectedStatementEnd(found: Token.Kind)
    /// A name was needed after `after` (a member after `.`, a function after `def`, …).
    case expectedName(after: String, found: Token.Kind)
    /// One of `expected` (spellings, such as `=` and `do`) was needed after `after`.
    case expectedToken([String], after: String, found: Token.Kind)
    /// A block header (`repeat 3`, `def f(a) do`) must end its line.
    case expectedLineBreak(after: String, found: Token.Kind)
    /// A block was still open when the input ended or something else came.
    case expectedEnd(block: String, found: Token.Kind)
    /// `end` with no block open.
    case unmatchedEnd
    /// `)` or `]` with nothing open.
    case unmatchedClosing(String)
    /// `=` after something that is not a name (the target as written).
    case invalidAssignmentTarget(String)
    /// Destructuring with more than two names.
    case tooManyTargets(Int)
    /// The same `key=` twice in one call.
    case duplicateOption(String)
    /// The same parameter twice in one `def`.
    case duplicateParameter(String)
    /// `def f(…) do` with no statement before `end`.
    case emptyFunctionBody(String)
    /// Brackets, operators or blocks nested beyond `Parser.maxNestingDepth`.
    case nestingTooDeep(limit: Int)
    /// `else` that does not continue an `if`.
    case misplacedElse
    /// `break` with no loop around it (in the same function body).
    case breakOutsideLoop
    /// `a < b < c`: the two comparisons as written.
    case chainedComparison(first: String, second: String)

    // MARK: Hints

    /// Close matches for an unknown name, best first.
    case hintDidYouMean([String])
    /// A mathematical symbol used as if it were a letter.
    case hintNotALetter(Character)
    /// After `;`.
    case hintOneStatementPerLine
    /// After `'`.
    case hintDoubleQuotes
    /// After an unknown escape.
    case hintStringEscapes
    /// After an unterminated string.
    case hintCloseString
    /// After `1e` or `1e+`.
    case hintExponentDigits
    /// After `3_000`.
    case hintDigitSeparator
    /// After `2x`: the product meant.
    case hintImplicitProduct(number: String, name: String)
    /// After a number too large.
    case hintNumberRange
    /// After `**`.
    case hintPowerOperator
    /// After `.5`: the number meant.
    case hintLeadingZero(String)
    /// After a command-form argument followed by an operator (the command's name).
    case hintCommandArguments(command: String)
    /// After a block header with more on its line (the block's keyword).
    case hintBlockBody(keyword: String)
    /// After nesting that is too deep.
    case hintSimplify
    /// After a misplaced `else`.
    case hintElsePlacement
    /// After `break` outside any loop.
    case hintBreakOutsideLoop
    /// After `break` in a function body, outside a loop of that body.
    case hintBreakInFunction
    /// After `for i` with no `in` (the loop variable).
    case hintForLoop(String)
    /// After `not` where only an operand may come (`a + not b`).
    case hintParenthesizeNot
    /// After a chained comparison.
    case hintSplitComparison(first: String, second: String)
    /// After `!`.
    case hintWriteNot
    /// After `&` or `|`.
    case hintWriteAndOr
    /// After `if x = 1`: a comparison meant.
    case hintCompareWithEquals

    // MARK: Notes

    /// Where an unclosed bracket was opened.
    case noteOpenedHere(String)
    /// Where an unclosed block starts.
    case noteBlockStartsHere(String)
    /// Where a repeated option was first given.
    case noteFirstGivenHere(String)
    /// An error inside the body of a `def` function, reported at the call.
    case noteInFunction(String)

    // MARK: Runtime

    /// A name that is neither in the workspace nor a built-in.
    case unknownName(String)
    /// A call of something that cannot be called (the expression as written, and its kind).
    case notCallable(String, kind: String)
    /// A built-in called with the wrong number of positional arguments.
    case wrongArgumentCount(function: String, expected: String, got: Int)
    /// An argument of the wrong kind (`expected a tensor, got a model`).
    case wrongArgumentKind(function: String, argument: String, expected: String, got: String)
    /// An argument of the right kind but an unusable value (`epochs must be at least 1`).
    case invalidArgument(function: String, argument: String, problem: String)
    /// An option the built-in does not take.
    case unknownOption(function: String, option: String)
    /// An operator between values it does not apply to.
    case invalidOperands(op: String, lhs: String, rhs: String)
    /// A member that this kind of value does not have.
    case noMember(kind: String, member: String)
    /// Indexing a value that has no elements to index.
    case notIndexable(kind: String)
    /// An index into a list or model out of range: the kind of value and what it counts
    /// (`a model of 3 layers`).
    case indexOutOfRange(index: Int, count: Int, kind: String, item: String)
    /// `a, b = …` where the value is not two values.
    case destructuringMismatch(got: String)
    /// `[a, b]` mixing numbers with non-numbers, or tensors of different shapes.
    case mixedList(String)
    /// Calls nested deeper than the limit (a `def` calling itself without end).
    case recursionTooDeep(limit: Int)
    /// A failure inside the tensor engine (its message carries the shapes).
    case tensorFailure(String)
    /// A failure inside a model, layer, loss or optimizer.
    case modelFailure(String)
    /// A failure reading or shaping data.
    case dataFailure(String)
    /// A file that could not be read or written, or may not be touched.
    case fileFailure(String)
    /// A command that cannot do its work in the current state (`no gradients yet`).
    case commandFailed(command: String, problem: String)
    /// Stopped by Ctrl-C.
    case interrupted
    /// A tensor of several elements where one truth value is needed (the construct, the
    /// tensor's shape as printed).
    case ambiguousTruthValue(construct: String, shape: String)
    /// A word that names none of the choices of an argument (`loss=msee`): the kind of choice.
    case unknownChoice(function: String, argument: String, word: String, kind: String)
    /// One name for a built-in that gives two values (`a = split(…)`).
    case oneNameForTwoValues(function: String)
    /// A call written the way another library spells it (`model.summary()`, `len(x)`).
    case foreignSpelling(String)

    // MARK: Runtime hints

    /// The options a built-in takes.
    case hintValidOptions([String])
    /// How a built-in is called.
    case hintUsage(String)
    /// A sentence of advice specific to the situation.
    case hintAdvice(String)
    /// How gradbook spells what was typed in another library's way (`summary model`).
    case hintGradbookWrites(String)

    /// The message in words.
    public var text: String {
        switch self {
        case .unexpectedCharacter(let character):
            "unexpected character \(Self.describe(character))"
        case .unterminatedString:
            "unterminated string"
        case .unknownEscape(let escape):
            "unknown escape '\(escape)' in a string"
        case .malformedNumber(let text):
            "malformed number '\(text)'"
        case .numberOutOfRange(let text):
            "number '\(text)' is too large"
        case .numberBeyondFloat32(let text):
            "number '\(text)' is beyond float32's range (±3.4028235e38): it becomes inf"
        case .expectedExpression(let after?, let found):
            "expected an expression after '\(after)', found \(Self.describe(found))"
        case .expectedExpression(nil, let found):
            "expected an expression, found \(Self.describe(found))"
        case .expectedClosing(let closer, let opener, let found):
            "expected '\(closer)' to close '\(opener)', found \(Self.describe(found))"
        case .expectedStatementEnd(let found):
            "expected the end of the statement, found \(Self.describe(found))"
        case .expectedName(let after, let found):
            "expected a name after '\(after)', found \(Self.describe(found))"
        case .expectedToken(let expected, let after, let found):
            "expected \(Self.list(expected.map { "'\($0)'" }, or: true)) after '\(after)', "
                + "found \(Self.describe(found))"
        case .expectedLineBreak(let after, let found):
            "expected a line break after '\(after)', found \(Self.describe(found))"
        case .expectedEnd(let block, let found):
            "expected 'end' to close '\(block)', found \(Self.describe(found))"
        case .unmatchedEnd:
            "'end' without a block to close"
        case .unmatchedClosing(let closer):
            "unmatched '\(closer)'"
        case .invalidAssignmentTarget(let target):
            "cannot assign to '\(target)': only a name can be assigned"
        case .tooManyTargets(let count):
            "destructuring assigns two names, not \(count)"
        case .duplicateOption(let key):
            "option '\(key)' is given twice"
        case .duplicateParameter(let name):
            "parameter '\(name)' appears twice"
        case .emptyFunctionBody(let name):
            "the body of '\(name)' is empty: a function's value is its last statement"
        case .nestingTooDeep(let limit):
            "nested too deeply (more than \(limit) levels)"
        case .misplacedElse:
            "'else' without an 'if' to continue"
        case .breakOutsideLoop:
            "'break' outside a loop"
        case .chainedComparison(let first, let second):
            "comparisons do not chain: '\(second)' after '\(first)'"

        case .hintDidYouMean(let names):
            "did you mean \(Self.list(names, or: true))?"
        case .hintNotALetter(let character):
            "'\(character)' is a symbol, not a letter: names use letters, digits and '_'"
        case .hintOneStatementPerLine:
            "put each statement on a line of its own"
        case .hintDoubleQuotes:
            "strings use double quotes: \"…\""
        case .hintStringEscapes:
            #"the escapes are \" \\ \n and \t"#
        case .hintCloseString:
            #"close it with '"' on the same line; write \n for a line break inside a string"#
        case .hintExponentDigits:
            "an exponent needs digits, as in 1e-3"
        case .hintDigitSeparator:
            "write the digits without '_'"
        case .hintImplicitProduct(let number, let name):
            "write \(number)*\(name) for a product"
        case .hintNumberRange:
            "numbers go up to about 1.8e308"
        case .hintPowerOperator:
            "the power operator is '^', as in x^2"
        case .hintLeadingZero(let digits):
            "write 0.\(digits)"
        case .hintCommandArguments(let command):
            "in command form each argument is one term: put an expression in parentheses, "
                + "or write \(command)(…) with commas"
        case .hintBlockBody(let keyword):
            "the body of '\(keyword)' goes on the lines below, ended by 'end'"
        case .hintSimplify:
            "break it into steps with intermediate names"
        case .hintElsePlacement:
            "'else' and 'else if' go between 'if cond' and its 'end', on lines of their own"
        case .hintBreakOutsideLoop:
            "break leaves the innermost repeat, for or while"
        case .hintBreakInFunction:
            "break leaves a loop of the same function body; a function ends with its last statement"
        case .hintForLoop(let variable):
            "write for \(variable) in 10 (\(variable) = 0…9) or for \(variable) in t (each element of t)"
        case .hintParenthesizeNot:
            "put it in parentheses: (not x)"
        case .hintSplitComparison(let first, let second):
            "write a \(first) b and b \(second) c"
        case .hintWriteNot:
            "write 'not x' for the negation, 'a != b' for a comparison"
        case .hintWriteAndOr:
            "write 'and' or 'or'"
        case .hintCompareWithEquals:
            "compare with '==': '=' assigns"

        case .unknownName(let name):
            "unknown name '\(name)'"
        case .notCallable(let what, let kind):
            "'\(what)' is \(Self.article(kind)) \(kind), not a function"
        case .wrongArgumentCount(let function, let expected, let got):
            "\(function) takes \(expected), got \(got)"
        case .wrongArgumentKind(let function, let argument, let expected, let got):
            "\(function): \(argument) must be \(expected), got \(Self.article(got)) \(got)"
        case .invalidArgument(let function, let argument, let problem):
            "\(function): \(argument) \(problem)"
        case .unknownOption(let function, let option):
            "\(function) has no option '\(option)'"
        case .invalidOperands(let op, let lhs, let rhs):
            "cannot apply '\(op)' to \(Self.article(lhs)) \(lhs) and \(Self.article(rhs)) \(rhs)"
        case .noMember(let kind, let member):
            "\(Self.article(kind)) \(kind) has no member '\(member)'"
        case .notIndexable(let kind):
            "\(Self.article(kind)) \(kind) cannot be indexed"
        case .indexOutOfRange(let index, let count, let kind, let item):
            "index \(index) is out of range for \(Self.article(kind)) \(kind) of \(Plural.count(count, item))"
        case .destructuringMismatch(let got):
            "two names need two values, got \(got)"
        case .mixedList(let problem):
            problem
        case .recursionTooDeep(let limit):
            "calls nested more than \(limit) deep"
        case .tensorFailure(let message), .modelFailure(let message), .dataFailure(let message),
             .fileFailure(let message):
            message
        case .commandFailed(let command, let problem):
            "\(command): \(problem)"
        case .interrupted:
            "interrupted"
        case .ambiguousTruthValue(let construct, let shape):
            "\(construct) needs one truth value, got a tensor\(shape): which of its elements?"
        case .unknownChoice(let function, let argument, let word, let kind):
            "\(function): \(argument) '\(word)' is not \(Self.article(kind)) \(kind)"
        case .oneNameForTwoValues(let function):
            "\(function) gives two values, and one name holds one"
        case .foreignSpelling(let written):
            "'\(written)' is another library's spelling"

        case .hintValidOptions(let options):
            options.isEmpty ? "it takes no options" : "its options are \(Self.list(options, or: false))"
        case .hintUsage(let usage):
            "usage: \(usage)"
        case .hintAdvice(let advice):
            advice
        case .hintGradbookWrites(let rewrite):
            "gradbook writes this as `\(rewrite)`"

        case .noteOpenedHere(let opener):
            "'\(opener)' is opened here"
        case .noteBlockStartsHere(let keyword):
            "the '\(keyword)' block starts here"
        case .noteInFunction(let name):
            "it happened inside \(name)"
        case .noteFirstGivenHere(let key):
            "'\(key)' is first given here"
        }
    }

    /// A token as a message names it: `')'`, `name 'x'`, `number 2`, `end of line`.
    static func describe(_ kind: Token.Kind) -> String {
        switch kind {
        case .number(let literal): "number \(literal.value.literalText)"
        case .string(let value):
            value.count <= 24 ? "string \"\(value)\"" : "string \"\(value.prefix(20))…\""
        case .name(let name): "name '\(name)'"
        case .keyword(let keyword): "keyword '\(keyword.rawValue)'"
        case .newline: "end of line"
        case .endOfInput: "end of input"
        case .invalid(let diagnostic): diagnostic.message.text
        default: "'\(kind.spelling ?? "?")'"
        }
    }

    /// A character as a message names it: quoted when visible, `U+0007` when not.
    static func describe(_ character: Character) -> String {
        let isInvisible = character.unicodeScalars.allSatisfy {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control
                || $0.properties.generalCategory == .format
        }
        guard isInvisible, let scalar = character.unicodeScalars.first else { return "'\(character)'" }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `a` or `an` for a kind of value (`an optimizer`, `a model`).
    static func article(_ word: String) -> String {
        guard let first = word.lowercased().first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }

    /// `a`, `a or b`, `a, b or c` (with `and` when `or` is false).
    static func list(_ items: [String], or: Bool) -> String {
        guard let last = items.last else { return "" }
        guard items.count > 1 else { return last }
        return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + last
    }
}
