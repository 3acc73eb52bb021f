import Autodiff
import Language

/// A 2-D tensor as a heatmap (`image t`): each element a cell whose shade says where its value
/// lies between the smallest and largest finite value. Drawn in the terminal with blocks (or
/// colours) and a value scale, and as SVG with one rectangle per cell.
///
/// The values are cut into `Heatmap.levels` equal-width bands of [min, max]; band k is drawn
/// with shade k (blank for the lowest, █ for the highest) or colour k (viridis, dark to
/// bright). NaN and infinite elements are drawn as `×` and counted in a note.
public struct Heatmap: Sendable {
    /// The number of shades (and colours): few enough to tell apart at a glance.
    public static let levels = 5
    /// Terminal shades, lowest band first: more ink for larger values, so a digit reads as
    /// written on a dark terminal and on paper alike.
    static let shades: [Character] = [" ", "░", "▒", "▓", "█"]
    /// viridis at 0, ¼, ½, ¾ and 1 (matplotlib's default map: ordered in lightness and
    /// readable with the common colour-vision deficiencies), with the nearest xterm-256 colours.
    static let colors: [(svg: String, ansi: Int)] = [
        ("#440154", 53), ("#3b528b", 60), ("#21918c", 30), ("#5ec962", 77), ("#fde725", 220),
    ]

    public let rows: Int, columns: Int
    /// The elements, row-major.
    public let values: [Double]
    /// The smallest and largest finite values (equal for a constant tensor).
    public let minimum: Double, maximum: Double
    public var title: String?
    /// Sentences to print under the picture (non-finite values).
    public let notes: [String]

    /// The heatmap of a matrix; any other rank is an error that says how to get a matrix.
    public init(_ tensor: Tensor, title: String? = nil) throws(PlotError) {
        guard tensor.rank == 2 else {
            throw .invalidOption(name: "t", message: "image draws a 2-D tensor, got shape \(tensor.shape)"
                + (tensor.rank > 2 ? " (index it down to two axes, as in image x[0, 0] for [n, c, h, w] images)" : " (reshape it into rows and columns)"))
        }
        guard tensor.count > 0 else { throw .noData("the tensor of shape \(tensor.shape) has no values") }
        let values = tensor.scalars.map(Double.init)
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else {
            throw .noData("all \(Plural.count(values.count, "value")) are NaN or infinite")
        }
        rows = tensor.shape[0]
        columns = tensor.shape[1]
        self.values = values
        minimum = lo
        maximum = hi
        self.title = title
        let skipped = values.count - finite.count
        notes = skipped > 0 ? ["note: \(skipped) of \(values.count) values are NaN or infinite, drawn as ×"] : []
    }

    /// The band of a value, 0 ..< levels, or nil for NaN and infinities. A constant tensor is
    /// all in the middle band.
    func level(_ v: Double) -> Int? {
        guard v.isFinite else { return nil }
        guard maximum > minimum else { return Heatmap.levels / 2 }
        let t = (v / 2 - minimum / 2) / (maximum / 2 - minimum / 2)  // halves: no overflow for ±1e308
        return clampedIndex((t * Double(Heatmap.levels)).rounded(.down), 0...(Heatmap.levels - 1))
    }

    /// The lower edge of band k (and, for k = levels, the maximum).
    func edge(_ k: Int) -> Double {
        let t = Double(k) / Double(Heatmap.levels)
        return k == Heatmap.levels ? maximum : minimum * (1 - t) + maximum * t
    }

    /// The band edges, each with three significant digits (`0`, `0.188`, `1`).
    var edgeLabels: [String] {
        (0...Heatmap.levels).map { Heatmap.compact(edge($0), digits: 3) }
    }

    /// `[8×8] · min 0 · max 0.9375`.
    var summary: String {
        "[\(rows)×\(columns)] · min \(Heatmap.compact(minimum, digits: 4)) · max \(Heatmap.compact(maximum, digits: 4))"
    }

    /// A whole number as it is (`16`), anything else with `digits` significant digits (`%g`).
    static func compact(_ x: Double, digits: Int) -> String {
        if x == x.rounded(), Swift.abs(x) < 1e6 { return String(Int(x)) }
        return String(format: "%.\(digits)g", x)
    }
}

extension Heatmap: Plot {}
