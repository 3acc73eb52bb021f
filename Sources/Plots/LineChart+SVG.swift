extension LineChart {
    /// The chart as a standalone SVG document of `width` × `height` pixels: one
    /// `<g class="series">` per series holding a `<title>` with its name, one `<polyline>`
    /// per unbroken run of points (lines) and its markers, in the terminal version's colours,
    /// markers and dashes.
    public func svg(width: Int = 640, height: Int = 400) -> String {
        let (width, height) = PlotSize.svg(width: width, height: height)
        let (xs, ys) = scales(xTicks: Swift.max(2, width / 90), yTicks: Swift.max(2, height / 60))
        let legend = showsLegend ? series.indices.map { k in
            SVGFrame.LegendEntry(label: series[k].name, color: Palette.color(styles[k].color).svg,
                                 marker: Palette.marker(styles[k].marker).shape, dashed: styles[k].dashed, line: mark == .lines)
        } : []
        let frame = SVGFrame(width: width, height: height, title: title, xTitle: xLabel, yTitle: yLabel,
                             xScale: xs, yScale: ys, legend: legend, notes: notes)
        var svg = SVGDocument(width: frame.width, height: frame.height)
        frame.drawAxes(into: &svg)
        let markerLimit = mark == .lines ? Swift.max(2, Int((frame.right - frame.left) / 12)) : 5000
        for k in series.indices {
            let color = Palette.color(styles[k].color).svg
            var attributes = [("class", "series"), ("fill", "none"), ("stroke", color), ("stroke-width", "1.8")]
            if styles[k].dashed { attributes.append(("stroke-dasharray", "6 4")) }
            svg.open("g", attributes)
            svg.element("title", [], content: SVGDocument.escape(series[k].name.isEmpty ? "series \(k + 1)" : series[k].name))
            if mark == .lines {
                for run in runs(k) where run.count > 1 {
                    svg.element("polyline", [("points", SVGDocument.points(run.map { (frame.x($0.x), frame.y($0.y)) }))])
                }
            }
            for p in markerPoints(k, limit: markerLimit) {
                SVGMarker.draw(Palette.marker(styles[k].marker).shape, x: frame.x(p.x), y: frame.y(p.y), color: color,
                               size: mark == .lines ? 3.5 : 3, into: &svg)
            }
            svg.close()
        }
        frame.drawLegendAndNotes(into: &svg)
        return svg.rendered(title: title ?? series.map(\.name).filter { !$0.isEmpty }.joined(separator: ", "))
    }
}
