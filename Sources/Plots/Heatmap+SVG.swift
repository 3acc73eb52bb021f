extension Heatmap {
    /// The most cells the SVG draws one by one; a larger matrix is drawn in blocks, as in the
    /// terminal, so that the file stays a few megabytes at most.
    static let maxSVGCells = 65_536

    /// The heatmap as a standalone SVG document: one `<rect class="cell">` per element (its
    /// `<title>` gives the index and value), square cells filling the plot area, and a scale
    /// of the five colours with their value ranges under it.
    public func svg(width: Int = 640, height: Int = 400) -> String {
        let (width, height) = PlotSize.svg(width: width, height: height)
        let block = max(1, Int((Double(rows * columns) / Double(Heatmap.maxSVGCells)).squareRoot().rounded(.up)))
        let shownRows = (rows + block - 1) / block, shownColumns = (columns + block - 1) / block
        let top = 30.0, bottom = 60.0, side = 20.0
        let cellSize = Swift.min((Double(width) - 2 * side) / Double(shownColumns), (Double(height) - top - bottom) / Double(shownRows))
        let left = (Double(width) - cellSize * Double(shownColumns)) / 2
        var svg = SVGDocument(width: Double(width), height: Double(height))
        let n = SVGDocument.number
        if let title { svg.text(title, x: Double(width) / 2, y: 20, anchor: "middle", [("font-size", "14")]) }
        svg.open("g", [("class", "cells"), ("stroke", "none")])
        for r in 0..<shownRows {
            for c in 0..<shownColumns {
                let v = blockMean(row: r, column: c, size: block)
                let fill = level(v).map { Heatmap.colors[$0].svg } ?? "#ffffff"
                let index = block == 1 ? "[\(r), \(c)]" : "[\(r * block)…, \(c * block)…]"
                svg.element("rect", [("class", "cell"), ("x", n(left + Double(c) * cellSize)), ("y", n(top + Double(r) * cellSize)),
                                     ("width", n(cellSize)), ("height", n(cellSize)), ("fill", fill)],
                            content: "<title>\(SVGDocument.escape(index + " = " + Heatmap.compact(v, digits: 6)))</title>")
            }
        }
        svg.close()
        let labels = edgeLabels
        let swatch = 14.0, scaleY = top + cellSize * Double(shownRows) + 14
        let step = (Double(width) - 2 * side) / Double(Heatmap.levels)
        svg.open("g", [("class", "scale"), ("font-size", "11"), ("fill", "#333333")])
        for k in 0..<Heatmap.levels {
            let x = side + Double(k) * step
            svg.element("rect", [("class", "swatch"), ("x", n(x)), ("y", n(scaleY)), ("width", n(swatch)), ("height", n(swatch)),
                                 ("fill", Heatmap.colors[k].svg)])
            svg.text(labels[k] + "…" + labels[k + 1], x: x + swatch + 4, y: scaleY + swatch - 3)
        }
        svg.text(summary + notes.map { " · " + $0 }.joined() + (block > 1 ? " · cells are means of \(block)×\(block) blocks" : ""),
                 x: side, y: scaleY + swatch + 18)
        svg.close()
        return svg.rendered(title: title ?? "image")
    }
}
