import Plots

/// Writes a plot's SVG to a file (`plot … file="p.svg"`), atomically, after checking that
/// what was written reads back as a standalone SVG document.
public enum PlotExport {
    /// Writes `plot` drawn at `width` × `height` pixels; returns the message to show.
    @discardableResult
    public static func writeSVG(_ plot: any Plot, to path: String, width: Int = 640, height: Int = 400) throws(ExportError) -> String {
        let (width, height) = PlotSize.svg(width: width, height: height)
        let svg = plot.svg(width: width, height: height)
        try AtomicFile.write(text: svg, to: path) { written throws(ExportError) in
            do { _ = try SVGCheck.inlineable(written, cell: 0) } catch {
                throw .verificationFailed(path: path, message: "it does not read back as SVG: \(error)")
            }
        }
        return "wrote \(path): an SVG of \(width)×\(height) (read back and verified)"
    }
}
