extension LineChart {
    /// The chart as terminal text, `width` columns by about `height` lines (notes follow
    /// below). Braille dots draw the lines at 2 × 4 dots per character; each series' marker
    /// glyph sits on its data points (thinned out when there are many), so series stay
    /// distinguishable without colour. `color` adds xterm-256 colours.
    public func terminal(width: Int = 72, height: Int = 20, color: Bool = false) -> String {
        let (width, height) = PlotSize.terminal(width: width, height: height)
        let legend = showsLegend ? series.indices.map { k in
            TerminalFrame.LegendEntry(symbol: legendSymbol(k), color: Palette.color(styles[k].color).ansi, label: series[k].name)
        } : []
        let chrome = TerminalFrame.chromeLines(title: title != nil, yTitle: yLabel != nil, xTitle: xLabel != nil,
                                               legendLines: TerminalFrame.legendLines(legend, width: width))
        let rows = Swift.max(height - chrome, 3)
        let yTickTarget = rows / 3 + 2
        // The y labels set the gutter, the gutter the columns, the columns the x ticks.
        let yFirst = scales(xTicks: 2, yTicks: yTickTarget).y
        let gutter = TerminalFrame.gutter(labels: TickLabels.labels(for: yFirst.ticks, step: yFirst.step))
        let columns = Swift.max(width - gutter, 8)
        let (xs, ys) = scales(xTicks: Swift.max(2, columns / 10), yTicks: yTickTarget)

        var canvas = BrailleCanvas(columns: columns, rows: rows)
        let px = { (x: Double) in clampedIndex(xs.fraction(x) * Double(canvas.pixelWidth - 1), 0...(canvas.pixelWidth - 1)) }
        let py = { (y: Double) in clampedIndex((1 - ys.fraction(y)) * Double(canvas.pixelHeight - 1), 0...(canvas.pixelHeight - 1)) }
        for k in series.indices {
            let ink = Palette.color(styles[k].color).ansi
            for run in runs(k) {
                var phase = 0
                if mark == .points || run.count == 1 {
                    for p in run { canvas.set(px(p.x), py(p.y), color: ink) }
                    continue
                }
                for (a, b) in zip(run, run.dropFirst()) {
                    canvas.line(from: (px(a.x), py(a.y)), to: (px(b.x), py(b.y)), color: ink,
                                dash: styles[k].dashed ? (on: 3, off: 3) : nil, phase: &phase)
                }
            }
        }
        var grid = TerminalGrid(columns: columns, rows: rows)
        canvas.draw(into: &grid)
        let limit = mark == .lines ? Swift.max(2, columns / 6) : Swift.max(2, columns * rows / 8)
        for k in series.indices {
            let points = markerPoints(k, limit: limit)
            // A cloud of many points is clearer as dots alone.
            if mark == .points, points.count < runs(k).reduce(0, { $0 + $1.count }) { continue }
            for p in points {
                grid[px(p.x) / 2, py(p.y) / 4] = TerminalCell(character: Palette.marker(styles[k].marker).glyph,
                                                              foreground: Palette.color(styles[k].color).ansi)
            }
        }

        var frame = TerminalFrame(title: title, yTitle: yLabel, xTitle: xLabel, area: grid, color: color)
        let yLabels = TickLabels.labels(for: ys.ticks, step: ys.step)
        var usedRows = Set<Int>()
        for (t, label) in zip(ys.ticks, yLabels).reversed() where usedRows.insert(py(t) / 4).inserted {
            frame.yTicks.append((py(t) / 4, label))
        }
        frame.xTicks = zip(xs.ticks, TickLabels.labels(for: xs.ticks, step: xs.step)).map { (px($0) / 2, $1) }
        frame.legend = legend
        frame.notes = notes
        return frame.render()
    }

    /// A legend is worth its line when there are several series or the one has a name.
    var showsLegend: Bool { series.count > 1 || !(series.first?.name.isEmpty ?? true) }

    /// `─●─` for a line, `╌●╌` for a dashed one, `●` for points.
    func legendSymbol(_ k: Int) -> String {
        let glyph = String(Palette.marker(styles[k].marker).glyph)
        guard mark == .lines else { return glyph }
        return styles[k].dashed ? "╌" + glyph + "╌" : "─" + glyph + "─"
    }
}
