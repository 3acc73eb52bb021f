extension DecisionBoundary {
    /// The regions as terminal text: each cell shaded by the class predicted at its centre
    /// (blank, ░, ▒, ▓, … in plain text; pale backgrounds with `color`), the data points on top
    /// with one glyph per true class (o, x, +, …) — so a point whose glyph sits in another
    /// class's shade is misclassified. Misclassified points are drawn last, so they stay visible.
    public func terminal(width: Int = 72, height: Int = 20, color: Bool = false) -> String {
        let (width, height) = PlotSize.terminal(width: width, height: height)
        var legend: [TerminalFrame.LegendEntry] = []
        for k in 0..<classCount {
            let n = labels.filter { $0 == k }.count
            legend.append(.init(symbol: String(ClassPalette.glyphs[k]), color: Palette.color(k).ansi, label: "\(className(k)) (\(n))"))
        }
        for k in 0..<classCount {
            let symbol = color ? "██" : "[" + String(ClassPalette.shades[k]) + "]"
            legend.append(.init(symbol: symbol, color: Palette.paleColor(k).ansi, label: "predicted \(className(k))"))
        }
        let chrome = TerminalFrame.chromeLines(title: title != nil, yTitle: yLabel != nil, xTitle: xLabel != nil,
                                               legendLines: TerminalFrame.legendLines(legend, width: width))
        let rows = Swift.max(height - chrome, 3)
        let ys = AxisScale(low: yRange.lowerBound, high: yRange.upperBound, targetTicks: rows / 3 + 2, loose: false)
        let yLabels = TickLabels.labels(for: ys.ticks, step: ys.step)
        let columns = Swift.max(width - TerminalFrame.gutter(labels: yLabels), 8)
        let xs = AxisScale(low: xRange.lowerBound, high: xRange.upperBound, targetTicks: Swift.max(2, columns / 10), loose: false)

        var grid = TerminalGrid(columns: columns, rows: rows)
        for r in 0..<rows {
            for c in 0..<columns {
                let k = gridClasses[gridIndex(tx: (Double(c) + 0.5) / Double(columns), ty: (Double(r) + 0.5) / Double(rows))]
                grid[c, r] = TerminalCell(character: color ? " " : ClassPalette.shades[k], background: color ? Palette.paleColor(k).ansi : nil)
            }
        }
        let column = { (x: Double) in clampedIndex((xs.fraction(x) * Double(columns)).rounded(.down), 0...(columns - 1)) }
        let row = { (y: Double) in clampedIndex(((1 - ys.fraction(y)) * Double(rows)).rounded(.down), 0...(rows - 1)) }
        for i in pointsInDrawingOrder {
            let (c, r) = (column(points[i].x), row(points[i].y))
            grid[c, r].character = ClassPalette.glyphs[labels[i]]
            grid[c, r].foreground = Palette.color(labels[i]).ansi
        }

        var frame = TerminalFrame(title: title, yTitle: yLabel, xTitle: xLabel, area: grid, color: color)
        var usedRows = Set<Int>()
        for (t, label) in zip(ys.ticks, yLabels).reversed() where usedRows.insert(row(t)).inserted {
            frame.yTicks.append((row(t), label))
        }
        frame.xTicks = zip(xs.ticks, TickLabels.labels(for: xs.ticks, step: xs.step)).map { (column($0), $1) }
        frame.legend = legend
        frame.notes = [" " + accuracyLine] + notes
        return frame.render()
    }

    /// Correctly classified points first, misclassified last (drawn on top).
    var pointsInDrawingOrder: [Int] {
        points.indices.filter { labels[$0] == predicted[$0] } + points.indices.filter { labels[$0] != predicted[$0] }
    }
}
