import Foundation

/// Several plots drawn as one picture, one under the other: `plot model.history file="h.svg"`
/// puts every chart of a history (loss, accuracy, lr, …) into one SVG file.
///
/// In the SVG each panel is its own chart, a nested `<svg class="panel">` at its offset: the
/// panels keep their own scales and titles, and the document stays standalone.
public struct PlotStack: Sendable {
    public let panels: [any Plot]

    public init(_ panels: [any Plot]) {
        self.panels = panels
    }
}

extension PlotStack: Plot {
    /// The panels' terminal drawings, a blank line between them.
    public func terminal(width: Int, height: Int, color: Bool) -> String {
        panels.map { $0.terminal(width: width, height: height, color: color) }.joined(separator: "\n\n")
    }

    /// One SVG document `width` wide and `height` per panel high.
    public func svg(width: Int, height: Int) -> String {
        let (width, height) = PlotSize.svg(width: width, height: height)
        var document = SVGDocument(width: Double(width), height: Double(height * panels.count))
        for (k, panel) in panels.enumerated() {
            // A panel's document is `<svg xmlns=… width= height= viewBox=…>…</svg>`: placed
            // inside the page by x and y on its root element.
            let drawn = panel.svg(width: width, height: height)
            let placed = drawn.replacingFirst("<svg ", with: #"<svg class="panel" x="0" y="\#(height * k)" "#)
            document.raw(placed.trimmingSuffix("\n"))
        }
        return document.rendered(title: "\(panels.count) charts")
    }
}

private extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }

    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
