/// A session as a notebook: numbered cells, each a statement with its output and plots.
/// Plain data, filled by the session and read by the HTML and Jupyter writers.
public struct NotebookDocument: Sendable, Equatable {
    public var title: String
    public var cells: [NotebookCell]
    /// Shown in the page's header and the notebook's metadata; the caller passes the date so
    /// that exporting the same session twice writes the same bytes.
    public var subtitle: String?
    /// The comment that opens the session file (what the session is about), shown under the
    /// title rather than as part of the first cell's input; its lines without `# `.
    public var introduction: [String]

    public init(title: String, cells: [NotebookCell], subtitle: String? = nil, introduction: [String] = []) {
        self.title = title
        self.cells = cells
        self.subtitle = subtitle
        self.introduction = introduction
    }

    /// How many plots the cells hold.
    public var plotCount: Int { cells.reduce(0) { $0 + $1.plots.count } }
}

/// One cell: `In [number]:` and its source, then its output text and plots.
public struct NotebookCell: Sendable, Equatable {
    /// How the output came about, which decides its prompt and its Jupyter output type.
    public enum OutputKind: Sendable, Equatable {
        /// A value the statement evaluated to: shown after `Out[n]:` (`execute_result`).
        case value
        /// What a command printed (`stream` on stdout).
        case printed
    }

    public var number: Int
    /// The statement as typed (several lines for a block).
    public var source: String
    /// Plain output text; may be empty.
    public var output: String
    public var outputKind: OutputKind
    /// Standalone SVG documents, shown after the text.
    public var plots: [String]
    /// The terminal drawing of each plot, where `output` holds it (empty when unknown).
    public var plotTexts: [String]

    public init(number: Int, source: String, output: String = "", outputKind: OutputKind = .printed, plots: [String] = [],
                plotTexts: [String] = []) {
        self.number = number
        self.source = source
        self.output = output
        self.outputKind = outputKind
        self.plots = plots
        self.plotTexts = plotTexts
    }

    /// The output without the plots' terminal drawings (each taken out once, with the line
    /// break that joined it to the rest), for a notebook that shows them as the plots' text.
    public var outputWithoutPlotTexts: String {
        var text = output
        for drawing in plotTexts where !drawing.isEmpty {
            guard let range = text.range(of: drawing) else { continue }
            var cut = range
            if cut.upperBound < text.endIndex, text[cut.upperBound] == "\n" {
                cut = cut.lowerBound..<text.index(after: cut.upperBound)
            } else if cut.lowerBound > text.startIndex, text[text.index(before: cut.lowerBound)] == "\n" {
                cut = text.index(before: cut.lowerBound)..<cut.upperBound
            }
            text.removeSubrange(cut)
        }
        return text
    }
}

/// Text made safe to store in a document: terminal colour escapes removed (saved outputs are
/// plain, but a caller may pass what was shown on a terminal), other control characters
/// except newline and tab removed, CR LF made LF.
enum PlainText {
    static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let c = pending {
            pending = scalars.next()
            if c == "\u{1B}" {
                // CSI: ESC [ parameters… final byte in @…~.
                if pending == "[" {
                    while let p = scalars.next() { if (0x40...0x7E).contains(p.value) { break } }
                }
                pending = scalars.next()
                continue
            }
            if c == "\r" { if pending != "\n" { out.append("\n") }; continue }
            if c.value < 0x20 && c != "\n" && c != "\t" || c.value == 0x7F { continue }
            out.append(c)
        }
        return String(out)
    }

    /// Output text for display: cleaned, without the trailing newlines a command printed.
    static func output(_ text: String) -> String {
        var s = Substring(clean(text))
        while s.last == "\n" { s.removeLast() }
        return String(s)
    }
}
