/// The parts every SVG chart shares: the layout of the plot rectangle inside the page, grid
/// lines, axes with ticks and labels, titles, a legend and notes. Charts draw their data
/// inside `plot` with `x(_:)` and `y(_:)`.
struct SVGFrame {
    struct LegendEntry {
        var label: String
        var color: String
        var marker: MarkerShape?
        var dashed = false
        var line = true
    }

    /// An estimate of one character's width at font-size 12 (no font metrics are available
    /// when writing a file; a generous estimate only wastes a little margin).
    static let charWidth = 7.0

    let width: Double, height: Double
    let title: String?, xTitle: String?, yTitle: String?
    let xScale: AxisScale, yScale: AxisScale
    let xLabels: [String], yLabels: [String]
    let legend: [LegendEntry]
    let notes: [String]
    /// The plot rectangle.
    let left: Double, top: Double, right: Double, bottom: Double

    init(width: Int, height: Int, title: String?, xTitle: String?, yTitle: String?,
         xScale: AxisScale, yScale: AxisScale, legend: [LegendEntry], notes: [String]) {
        self.width = Double(width)
        self.height = Double(height)
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.xScale = xScale
        self.yScale = yScale
        xLabels = TickLabels.labels(for: xScale.ticks, step: xScale.step)
        yLabels = TickLabels.labels(for: yScale.ticks, step: yScale.step)
        self.legend = legend
        self.notes = notes
        let labelWidth = Double(yLabels.map(\.count).max() ?? 1) * SVGFrame.charWidth
        left = 14 + labelWidth + (yTitle == nil ? 0 : 20)
        right = self.width - 20
        top = title == nil ? 22 : 44
        let legendRows = Double(SVGFrame.legendRows(legend, width: self.width).count)
        bottom = self.height - 28 - (xTitle == nil ? 0 : 18) - legendRows * 20 - Double(notes.count) * 16 - 6
    }

    /// Page coordinates of data values.
    func x(_ value: Double) -> Double { left + xScale.fraction(value) * (right - left) }
    func y(_ value: Double) -> Double { bottom - yScale.fraction(value) * (bottom - top) }

    /// Grid lines (unless `grid` is false), axes, tick labels and titles (drawn before the data).
    func drawAxes(into svg: inout SVGDocument, grid: Bool = true) {
        if grid {
            svg.open("g", [("class", "grid"), ("stroke", "#e8e8e8"), ("stroke-width", "1")])
            for t in yScale.ticks { svg.element("line", hLine(y(t))) }
            for t in xScale.ticks { svg.element("line", vLine(x(t))) }
            svg.close()
        }
        svg.open("g", [("class", "axes"), ("stroke", "#444444"), ("stroke-width", "1"), ("fill", "none")])
        svg.element("rect", [("x", n(left)), ("y", n(top)), ("width", n(right - left)), ("height", n(bottom - top))])
        for t in yScale.ticks { svg.element("line", [("x1", n(left - 5)), ("y1", n(y(t))), ("x2", n(left)), ("y2", n(y(t)))]) }
        for t in xScale.ticks { svg.element("line", [("x1", n(x(t))), ("y1", n(bottom)), ("x2", n(x(t))), ("y2", n(bottom + 5))]) }
        svg.close()
        svg.open("g", [("class", "tick-labels"), ("fill", "#333333")])
        for (t, label) in zip(yScale.ticks, yLabels) { svg.text(label, x: left - 8, y: y(t) + 4, anchor: "end") }
        for (t, label) in zip(xScale.ticks, xLabels) { svg.text(label, x: x(t), y: bottom + 19, anchor: "middle") }
        svg.close()
        if let title { svg.text(title, x: (left + right) / 2, y: 22, anchor: "middle", [("class", "title"), ("font-size", "15")]) }
        if let xTitle { svg.text(xTitle, x: (left + right) / 2, y: bottom + 38, anchor: "middle", [("class", "axis-title")]) }
        if let yTitle {
            svg.text(yTitle, x: 16, y: (top + bottom) / 2, anchor: "middle",
                     [("class", "axis-title"), ("transform", "rotate(-90 16 \(n((top + bottom) / 2)))")])
        }
    }

    /// Legend and notes (drawn after the data).
    func drawLegendAndNotes(into svg: inout SVGDocument) {
        var rowY = bottom + 28 + (xTitle == nil ? 0 : 18) + 14
        if !legend.isEmpty {
            svg.open("g", [("class", "legend")])
            for row in SVGFrame.legendRows(legend, width: width) {
                var x = left
                for entry in row {
                    if entry.line {
                        var line = [("x1", n(x)), ("y1", n(rowY - 4)), ("x2", n(x + 24)), ("y2", n(rowY - 4)),
                                    ("stroke", entry.color), ("stroke-width", "2")]
                        if entry.dashed { line.append(("stroke-dasharray", "5 3")) }
                        svg.element("line", line)
                    }
                    if let shape = entry.marker { SVGMarker.draw(shape, x: x + 12, y: rowY - 4, color: entry.color, into: &svg) }
                    svg.text(entry.label, x: x + 32, y: rowY, anchor: "start", [("fill", "#222222")])
                    x += SVGFrame.entryWidth(entry)
                }
                rowY += 20
            }
            svg.close()
        }
        for note in notes {
            svg.text(note, x: left, y: rowY, anchor: "start", [("class", "note"), ("fill", "#666666"), ("font-size", "11")])
            rowY += 16
        }
    }

    static func entryWidth(_ entry: LegendEntry) -> Double { 32 + Double(entry.label.count) * charWidth + 18 }

    static func legendRows(_ entries: [LegendEntry], width: Double) -> [[LegendEntry]] {
        var rows: [[LegendEntry]] = [], current: [LegendEntry] = [], used = 0.0
        for e in entries {
            if !current.isEmpty, used + entryWidth(e) > width - 60 { rows.append(current); current = []; used = 0 }
            current.append(e)
            used += entryWidth(e)
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    private func hLine(_ y: Double) -> [(String, String)] { [("x1", n(left)), ("y1", n(y)), ("x2", n(right)), ("y2", n(y))] }
    private func vLine(_ x: Double) -> [(String, String)] { [("x1", n(x)), ("y1", n(top)), ("x2", n(x)), ("y2", n(bottom))] }
    private func n(_ x: Double) -> String { SVGDocument.number(x) }
}

/// The SVG drawings of the marker shapes (the terminal's ●, ■, ▲, ◆, ×, +).
enum SVGMarker {
    static func draw(_ shape: MarkerShape, x: Double, y: Double, color: String, size: Double = 3.5, into svg: inout SVGDocument) {
        let n = SVGDocument.number
        switch shape {
        case .circle:
            svg.element("circle", [("cx", n(x)), ("cy", n(y)), ("r", n(size)), ("fill", color)])
        case .square:
            svg.element("rect", [("x", n(x - size)), ("y", n(y - size)), ("width", n(2 * size)), ("height", n(2 * size)), ("fill", color)])
        case .triangle:
            svg.element("polygon", [("points", SVGDocument.points([(x, y - size * 1.2), (x + size * 1.1, y + size * 0.9), (x - size * 1.1, y + size * 0.9)])), ("fill", color)])
        case .diamond:
            svg.element("polygon", [("points", SVGDocument.points([(x, y - size * 1.3), (x + size, y), (x, y + size * 1.3), (x - size, y)])), ("fill", color)])
        case .cross:
            svg.element("path", [("d", "M\(n(x - size)),\(n(y - size))L\(n(x + size)),\(n(y + size))M\(n(x - size)),\(n(y + size))L\(n(x + size)),\(n(y - size))"),
                                 ("stroke", color), ("stroke-width", "1.8"), ("fill", "none")])
        case .plus:
            svg.element("path", [("d", "M\(n(x - size)),\(n(y))L\(n(x + size)),\(n(y))M\(n(x)),\(n(y - size))L\(n(x)),\(n(y + size))"),
                                 ("stroke", color), ("stroke-width", "1.8"), ("fill", "none")])
        }
    }
}
