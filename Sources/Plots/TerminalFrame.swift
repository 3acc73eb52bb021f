/// Puts a plot area in its frame for the terminal: title, y tick labels and axis, x axis with
/// ticks and labels, x title, legend and notes, then turns it all into text.
///
/// ```
///             title
///   0.60 ┤⠑⠢⡀
///        │   ⠈⠑⠢⣀
///   0.40 ┤       ⠉⠒⠤
///        └┬────────┬────
///         1        5
///              epoch
///  ─●─ loss  ╌■╌ val_loss
/// ```
///
/// Plain output has no trailing spaces (saved outputs compare as text); coloured output
/// wraps runs of equally coloured cells in xterm-256 escapes and resets at each line's end.
struct TerminalFrame {
    struct LegendEntry {
        var symbol: String
        var color: Int?
        var label: String
    }

    var title: String?
    var yTitle: String?
    var xTitle: String?
    var area: TerminalGrid
    /// Tick labels at rows of the area (top = 0), already formatted.
    var yTicks: [(row: Int, label: String)] = []
    /// Tick labels at columns of the area.
    var xTicks: [(column: Int, label: String)] = []
    var legend: [LegendEntry] = []
    var notes: [String] = []
    var color: Bool

    /// Lines other than the plot area's rows, for sizing the area to a height.
    static func chromeLines(title: Bool, yTitle: Bool, xTitle: Bool, legendLines: Int) -> Int {
        2 + (title ? 1 : 0) + (yTitle ? 1 : 0) + (xTitle ? 1 : 0) + legendLines
    }

    /// How many lines `entries` take when wrapped to `width`.
    static func legendLines(_ entries: [LegendEntry], width: Int) -> Int {
        wrapLegend(entries, width: width).count
    }

    /// The width of the y tick labels plus the axis: what the area's columns start after.
    static func gutter(labels: [String]) -> Int {
        (labels.map(\.count).max() ?? 0) + 2
    }

    func render() -> String {
        let gutter = TerminalFrame.gutter(labels: yTicks.map(\.label))
        let labelWidth = gutter - 2
        var lines: [String] = []
        if let title { lines.append(centered(title, width: area.columns, offset: gutter)) }
        if let yTitle { lines.append(String(repeating: " ", count: Swift.max(labelWidth - yTitle.count + 1, 0)) + yTitle) }
        for r in 0..<area.rows {
            let label = yTicks.first { $0.row == r }?.label
            let prefix = String(repeating: " ", count: labelWidth - (label?.count ?? 0)) + (label ?? "") + (label == nil ? " │" : " ┤")
            lines.append(prefix + cells(area.row(r)))
        }
        var axis = Array(String(repeating: " ", count: labelWidth + 1) + "└" + String(repeating: "─", count: area.columns))
        var labels = Array(repeating: Character(" "), count: gutter + area.columns)
        var freeFrom = 0
        for (column, label) in xTicks {
            let at = gutter + column
            if at < axis.count { axis[at] = "┬" }
            // Centre the label under its tick, keep it inside the line, skip it if it would touch the last one.
            let start = Swift.min(Swift.max(at - label.count / 2, 0), labels.count - label.count)
            guard start >= freeFrom, start >= 0 else { continue }
            for (i, c) in label.enumerated() { labels[start + i] = c }
            freeFrom = start + label.count + 1
        }
        lines.append(String(axis))
        lines.append(String(labels))
        if let xTitle { lines.append(centered(xTitle, width: area.columns, offset: gutter)) }
        for line in TerminalFrame.wrapLegend(legend, width: gutter + area.columns) {
            lines.append(" " + line.map { entry($0) }.joined(separator: "  "))
        }
        lines += notes
        return lines.map { color ? $0 : trimmed($0) }.joined(separator: "\n")
    }

    private func entry(_ e: LegendEntry) -> String {
        guard color, let c = e.color else { return e.symbol + " " + e.label }
        return ANSI.foreground(c) + e.symbol + ANSI.reset + " " + e.label
    }

    /// Legend entries greedily packed into lines of at most `width` characters.
    static func wrapLegend(_ entries: [LegendEntry], width: Int) -> [[LegendEntry]] {
        var lines: [[LegendEntry]] = []
        var current: [LegendEntry] = [], used = 1
        for e in entries {
            let w = e.symbol.count + 1 + e.label.count
            if !current.isEmpty, used + 2 + w > width {
                lines.append(current)
                current = []
                used = 1
            }
            used += (current.isEmpty ? 0 : 2) + w
            current.append(e)
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    private func cells(_ row: ArraySlice<TerminalCell>) -> String {
        guard color else { return String(row.map(\.character)) }
        var out = "", active: (Int?, Int?) = (nil, nil)
        for cell in row {
            if (cell.foreground, cell.background) != active {
                out += ANSI.reset
                if let f = cell.foreground { out += ANSI.foreground(f) }
                if let b = cell.background { out += ANSI.background(b) }
                active = (cell.foreground, cell.background)
            }
            out.append(cell.character)
        }
        return out + ANSI.reset
    }

    private func centered(_ text: String, width: Int, offset: Int) -> String {
        String(repeating: " ", count: offset + Swift.max((width - text.count) / 2, 0)) + text
    }

    private func trimmed(_ line: String) -> String {
        var s = Substring(line)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
