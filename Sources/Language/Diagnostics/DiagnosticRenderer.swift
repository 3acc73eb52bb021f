/// Draws diagnostics as text: the message, the source line, a caret under the span, the notes
/// and the hint.
///
/// For the REPL (`.repl`):
/// ```
/// error: expected ')' to close '(', found end of input
///   x = (1 + 2
///             ^
/// note: '(' is opened here
///   x = (1 + 2
///       ^
/// ```
/// For files (`.file`, as `gradbook run` reports them: docs/session-format.md) each message line starts `FILE:LINE:COL: `. The caret sits
/// under the span's first character and `~` under the rest; a span over several lines is
/// marked to the end of its first line. Alignment counts `Character`s (and copies tabs), so
/// the caret lands under `θ` as it does under `x`.
public struct DiagnosticRenderer: Sendable {
    /// Where the text will be shown.
    public enum Style: Sendable {
        /// At the prompt: the source is the cell just typed, so no location prefix.
        case repl
        /// From a file: `FILE:LINE:COL: error: …`.
        case file
    }

    /// Where the text will be shown.
    public var style: Style
    /// Whether to colour the severity, the caret and the hint with ANSI escapes (terminals only).
    public var usesColor: Bool

    /// The indentation of quoted source lines.
    private static let indent = "  "

    /// Creates a renderer.
    public init(style: Style = .repl, usesColor: Bool = false) {
        self.style = style
        self.usesColor = usesColor
    }

    /// The diagnostic as lines of text (joined with `\n`, no trailing line break).
    public func render(_ diagnostic: Diagnostic, in source: SourceText) -> String {
        var lines = [header(diagnostic.severity.rawValue, diagnostic.message, at: diagnostic.range, in: source)]
        lines += excerpt(diagnostic.range, in: source)
        for note in diagnostic.notes {
            lines.append(header("note", note.message, at: note.range, in: source))
            if let range = note.range { lines += excerpt(range, in: source) }
        }
        if let hint = diagnostic.hint {
            lines.append(paint("hint:", "1;36") + " " + hint.text)
        }
        return lines.joined(separator: "\n")
    }

    /// Several diagnostics, one after another.
    public func render(_ diagnostics: [Diagnostic], in source: SourceText) -> String {
        diagnostics.map { render($0, in: source) }.joined(separator: "\n")
    }

    /// `error: message`, prefixed `FILE:LINE:COL: ` in file style when there is a location.
    private func header(_ label: String, _ message: DiagnosticMessage, at range: SourceRange?,
                        in source: SourceText) -> String {
        let color = label == "error" ? "1;31" : label == "warning" ? "1;35" : "1;34"
        var line = paint(label + ":", color) + " " + message.text
        if style == .file {
            let prefix = range.map { "\(source.name):\($0.start.line):\($0.start.column): " }
                ?? "\(source.name): "
            line = prefix + line
        }
        return line
    }

    /// The source line a range starts on and the caret line under it; nothing when the
    /// range lies outside the source.
    func excerpt(_ range: SourceRange, in source: SourceText) -> [String] {
        guard let text = source.line(range.start.line) else { return [] }
        let length = text.count
        let column = min(max(range.start.column, 1), length + 1)
        let width = range.end.line == range.start.line
            ? range.end.column - range.start.column
            : length + 1 - column
        let clampedWidth = min(max(width, 1), max(1, length + 1 - column))
        let padding = text.prefix(column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
        let marks = "^" + String(repeating: "~", count: clampedWidth - 1)
        return [Self.indent + text, Self.indent + padding + paint(marks, "1;32")]
    }

    /// `text` in the ANSI style `code`, when colour is on.
    private func paint(_ text: String, _ code: String) -> String {
        usesColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
