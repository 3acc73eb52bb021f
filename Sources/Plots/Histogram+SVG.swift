extension Histogram {
    /// The histogram as a standalone SVG document: one `<rect class="bar">` per bin (its
    /// `<title>` gives the range and count, the count is printed above it when it fits), a
    /// dashed line at the mean, and the summary under the axes.
    public func svg(width: Int = 640, height: Int = 400) -> String {
        let (width, height) = PlotSize.svg(width: width, height: height)
        let lo = edges[0], hi = edges[edges.count - 1]
        let xs = AxisScale(low: lo, high: hi, targetTicks: Swift.max(2, width / 90), loose: false)
        // Headroom over the tallest bar for its count.
        let ys = AxisScale(low: 0, high: Double(counts.max() ?? 1) * 1.08, targetTicks: Swift.max(2, height / 60), loose: true, integerSteps: true)
        let frame = SVGFrame(width: width, height: height, title: title, xTitle: nil, yTitle: "count",
                             xScale: xs, yScale: ys, legend: [], notes: [summary] + notes)
        var svg = SVGDocument(width: frame.width, height: frame.height)
        frame.drawAxes(into: &svg)
        let labels = edgeLabels
        let n = SVGDocument.number
        svg.open("g", [("class", "bars"), ("fill", Palette.color(0).svg), ("stroke", "#ffffff"), ("stroke-width", "0.5")])
        for (i, count) in counts.enumerated() {
            let x0 = frame.x(edges[i]), x1 = frame.x(edges[i + 1]), top = frame.y(Double(count))
            let range = "[" + labels[i] + ", " + labels[i + 1] + (i == counts.count - 1 ? "]" : ")")
            svg.element("rect", [("class", "bar"), ("x", n(x0)), ("y", n(top)), ("width", n(Swift.max(x1 - x0, 0))),
                                 ("height", n(Swift.max(frame.bottom - top, 0)))],
                        content: "<title>\(SVGDocument.escape(range)): \(count)</title>")
        }
        svg.close()
        svg.open("g", [("class", "counts"), ("fill", "#333333"), ("font-size", "10")])
        for (i, count) in counts.enumerated() where count > 0 {
            let x0 = frame.x(edges[i]), x1 = frame.x(edges[i + 1])
            // Only where the number fits over its bar; the title carries it otherwise.
            guard x1 - x0 >= Double(String(count).count) * 6 + 2 else { continue }
            svg.text(String(count), x: (x0 + x1) / 2, y: frame.y(Double(count)) - 3, anchor: "middle")
        }
        svg.close()
        let meanX = frame.x(mean)
        svg.open("g", [("class", "mean"), ("stroke", Palette.color(3).svg), ("fill", Palette.color(3).svg)])
        svg.element("line", [("x1", n(meanX)), ("y1", n(frame.top)), ("x2", n(meanX)), ("y2", n(frame.bottom)),
                             ("stroke-width", "1.5"), ("stroke-dasharray", "5 3")])
        svg.text("mean " + TickLabels.value(mean), x: meanX, y: frame.top - 4, anchor: "middle", [("stroke", "none")])
        svg.close()
        frame.drawLegendAndNotes(into: &svg)
        return svg.rendered(title: title ?? "histogram")
    }
}
