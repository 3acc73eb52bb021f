extension Heatmap {
    /// The heatmap as terminal text, two characters per cell (about square in common fonts),
    /// in a frame with row numbers, then the range and the value scale:
    ///
    /// ```
    /// digits.x[0, 0]
    ///   ┌────────────────┐
    /// 0 │    ▒▓▓▒░       │
    ///   …
    ///   └────────────────┘
    ///   [8×8] · min 0 · max 1
    ///   [  ] 0…0.2  [░░] 0.2…0.4  [▒▒] 0.4…0.6  [▓▓] 0.6…0.8  [██] 0.8…1
    /// ```
    ///
    /// With `color`, cells are viridis backgrounds instead of shades. A matrix larger than
    /// `width` × `height` is drawn in k×k blocks, each the mean of its finite values.
    public func terminal(width: Int = 72, height: Int = 40, color: Bool = false) -> String {
        let (width, height) = PlotSize.terminal(width: width, height: height)
        let labelWidth = String(Swift.max(rows - 1, 0)).count
        let block = blockSize(width: width - labelWidth - 3, height: height - 5)
        let shownRows = (rows + block - 1) / block, shownColumns = (columns + block - 1) / block
        let pad = String(repeating: " ", count: labelWidth)
        var lines: [String] = []
        if let title { lines.append(title) }
        lines.append(pad + " ┌" + String(repeating: "─", count: 2 * shownColumns) + "┐")
        for r in 0..<shownRows {
            let label = String(r * block)
            var line = String(repeating: " ", count: labelWidth - label.count) + label + " │"
            for c in 0..<shownColumns { line += cell(level(blockMean(row: r, column: c, size: block)), color: color) }
            lines.append(line + "│")
        }
        lines.append(pad + " └" + String(repeating: "─", count: 2 * shownColumns) + "┘")
        lines.append(pad + " " + summary)
        let labels = edgeLabels
        // The scale wraps between its entries to stay within the width (measured without colour).
        var scaleLine = "", scaleWidth = 0
        for k in 0..<Heatmap.levels {
            let range = labels[k] + "…" + labels[k + 1]
            let entryWidth = 5 + range.count
            if scaleWidth > 0, labelWidth + 1 + scaleWidth + 2 + entryWidth > width {
                lines.append(pad + " " + scaleLine)
                scaleLine = ""
                scaleWidth = 0
            }
            scaleLine += (scaleWidth > 0 ? "  " : "") + "[" + cell(k, color: color) + "] " + range
            scaleWidth += (scaleWidth > 0 ? 2 : 0) + entryWidth
        }
        lines.append(pad + " " + scaleLine)
        if block > 1 { lines.append("note: each cell is the mean of a \(block)×\(block) block") }
        lines += notes
        return lines.joined(separator: "\n")
    }

    /// Two characters for a band: its shade twice, or two spaces on its colour; × × for NaN.
    private func cell(_ level: Int?, color: Bool) -> String {
        guard let level else { return "××" }
        if color { return ANSI.background(Heatmap.colors[level].ansi) + "  " + ANSI.reset }
        let shade = Heatmap.shades[level]
        return String([shade, shade])
    }

    /// The smallest block side k for which the blocks fit in `width` columns (two each) and
    /// `height` lines.
    func blockSize(width: Int, height: Int) -> Int {
        let cellsAcross = Swift.max(width / 2, 1)
        let byWidth = (columns + cellsAcross - 1) / cellsAcross
        let byHeight = (rows + Swift.max(height, 1) - 1) / Swift.max(height, 1)
        return Swift.max(1, byWidth, byHeight)
    }

    /// The mean of the finite values in block (row, column) of side `size`; NaN when none is.
    func blockMean(row: Int, column: Int, size: Int) -> Double {
        if size == 1 { return values[row * columns + column] }
        var total = 0.0, count = 0
        for i in (row * size) ..< Swift.min(rows, (row + 1) * size) {
            for j in (column * size) ..< Swift.min(columns, (column + 1) * size) {
                let v = values[i * columns + j]
                if v.isFinite { total += v; count += 1 }
            }
        }
        return count > 0 ? total / Double(count) : .nan
    }
}
