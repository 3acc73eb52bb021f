extension DecisionBoundary {
    /// The regions as a standalone SVG document: the grid as `<rect>`s in pale class colours
    /// (runs of equal cells merged per row; more opaque where the model is more confident,
    /// when it gave probabilities), then one `<g class="points">` per class with its markers;
    /// misclassified points get a dark ring.
    public func svg(width: Int = 640, height: Int = 480) -> String {
        let (width, height) = PlotSize.svg(width: width, height: height)
        let xs = AxisScale(low: xRange.lowerBound, high: xRange.upperBound, targetTicks: Swift.max(2, width / 90), loose: false)
        let ys = AxisScale(low: yRange.lowerBound, high: yRange.upperBound, targetTicks: Swift.max(2, height / 60), loose: false)
        var legend: [SVGFrame.LegendEntry] = []
        for k in 0..<classCount {
            let n = labels.filter { $0 == k }.count
            legend.append(.init(label: "\(className(k)) (\(n))", color: Palette.color(k).svg, marker: DecisionBoundary.shape(k), line: false))
        }
        let frame = SVGFrame(width: width, height: height, title: title, xTitle: xLabel, yTitle: yLabel,
                             xScale: xs, yScale: ys, legend: legend, notes: [accuracyLine] + notes)
        var svg = SVGDocument(width: frame.width, height: frame.height)
        let n = SVGDocument.number
        // Cell edges snapped to whole pixels, so neighbouring rects share edges with no seams.
        let xEdge = { (c: Int) in (frame.left + Double(c) * (frame.right - frame.left) / Double(resolution.columns)).rounded() }
        let yEdge = { (r: Int) in (frame.top + Double(r) * (frame.bottom - frame.top) / Double(resolution.rows)).rounded() }
        svg.open("g", [("class", "regions"), ("shape-rendering", "crispEdges")])
        for r in 0..<resolution.rows {
            var c = 0
            while c < resolution.columns {
                let i = r * resolution.columns + c, k = gridClasses[i], level = opacityLevel(i)
                var end = c + 1
                while end < resolution.columns, gridClasses[i + end - c] == k, opacityLevel(i + end - c) == level { end += 1 }
                svg.element("rect", [("x", n(xEdge(c))), ("y", n(yEdge(r))),
                                     ("width", n(xEdge(end) - xEdge(c))), ("height", n(yEdge(r + 1) - yEdge(r))),
                                     ("fill", Palette.paleColor(k).svg), ("fill-opacity", n(level))])
                c = end
            }
        }
        svg.close()
        frame.drawAxes(into: &svg, grid: false)
        for k in 0..<classCount {
            svg.open("g", [("class", "points"), ("stroke", "#ffffff"), ("stroke-width", "0.8")])
            svg.element("title", [], content: SVGDocument.escape(className(k)))
            for i in pointsInDrawingOrder where labels[i] == k {
                let (x, y) = (frame.x(points[i].x), frame.y(points[i].y))
                SVGMarker.draw(DecisionBoundary.shape(k), x: x, y: y, color: Palette.color(k).svg, size: 3.5, into: &svg)
                if predicted[i] != k {
                    svg.element("circle", [("cx", n(x)), ("cy", n(y)), ("r", "6"), ("fill", "none"), ("stroke", "#222222"), ("stroke-width", "1.2")])
                }
            }
            svg.close()
        }
        frame.drawLegendAndNotes(into: &svg)
        return svg.rendered(title: title ?? "decision regions")
    }

    /// Fill opacity of grid cell `i`: 0.35 to 0.95 in four steps by confidence, 0.8 without probabilities.
    private func opacityLevel(_ i: Int) -> Double {
        guard let confidence = gridConfidence else { return 0.8 }
        let normalized = Swift.min(Swift.max((confidence[i] - 0.5) / 0.5, 0), 1)
        return 0.35 + 0.2 * (normalized * 3).rounded(.down)
    }

    /// The SVG marker for class k's points: filled shapes, which read on any region colour.
    static func shape(_ k: Int) -> MarkerShape {
        let shapes: [MarkerShape] = [.circle, .cross, .plus, .square, .diamond, .triangle]
        return shapes[k % shapes.count]
    }
}
