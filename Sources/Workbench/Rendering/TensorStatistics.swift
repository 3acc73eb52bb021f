import Language
import Autodiff

/// `stats t`: the numbers that say whether a tensor is healthy.
struct TensorStatistics {
    let shape: [Int]
    let count: Int
    let mean, std, min, max, norm: Double
    let zeros, nonFinite: Int

    init(_ t: Tensor) {
        shape = t.shape
        count = t.count
        var sum = 0.0, squares = 0.0, lo = Double.infinity, hi = -Double.infinity
        var zeros = 0, bad = 0, finite = 0
        for v in t.scalars {
            guard v.isFinite else { bad += 1; continue }
            let d = Double(v)
            finite += 1
            sum += d
            squares += d * d
            lo = Swift.min(lo, d)
            hi = Swift.max(hi, d)
            if v == 0 { zeros += 1 }
        }
        let n = Double(Swift.max(finite, 1))
        mean = finite > 0 ? sum / n : .nan
        std = finite > 0 ? Swift.max(0, squares / n - mean * mean).squareRoot() : .nan
        min = finite > 0 ? lo : .nan
        max = finite > 0 ? hi : .nan
        norm = squares.squareRoot()
        self.zeros = zeros
        nonFinite = bad
    }

    func render(_ f: NumberFormat) -> String {
        let shapeText = "[" + shape.map(String.init).joined(separator: ", ") + "]"
        var lines = ["shape \(shapeText), \(count) values",
                     "mean \(f.format(mean))  std \(f.format(std))",
                     "min \(f.format(min))  max \(f.format(max))  norm \(f.format(norm))",
                     "zeros \(zeros) (\(Self.percent(zeros, of: count)))"]
        if nonFinite > 0 { lines.append("non-finite \(nonFinite) (NaN or ±inf, left out of the statistics above)") }
        return lines.joined(separator: "\n")
    }
}

extension TensorStatistics {
    /// A share as a percentage with one decimal (`30.0%`), whatever `precision` is: a tenth
    /// of a percent is as fine as a count of elements needs.
    static func percent(_ part: Int, of whole: Int) -> String {
        String(format: "%.1f%%", Double(part) / Double(Swift.max(whole, 1)) * 100)
    }
}

/// `vars`: the workspace as a table.
enum WorkspaceTable {
    static func render(_ session: Session) -> String {
        let names = session.variableNames
        guard !names.isEmpty else { return "the workspace is empty" }
        let renderer = ValueRenderer(numbers: session.numberFormat)
        let rows: [[String]] = names.compactMap { (name: String) -> [String]? in
            guard let v = session.workspace[name] else { return nil }
            let detail: String
            switch v {
            case .tensor(let t): detail = t.rank == 0 ? renderer.numbers.format(t.scalar ?? .nan) : "[" + t.shape.map(String.init).joined(separator: ", ") + "]"
            case .model(let m): detail = "\(Plural.count(m.layers.count, "layer")), \(Plural.count(m.parameterCount, "param"))"
            case .dataset(let d):
                detail = d.sampleShape.count == 1 ? "\(d.count) × \(d.featureCount)"
                    : "\(d.count) × [" + d.sampleShape.map(String.init).joined(separator: ", ") + "]"
            default: detail = renderer.short(v)
            }
            return [name, v.kind, detail]
        }
        return TextTable(headers: ["name", "kind", "shape / value"], rows: rows, rightAligned: [false, false, false]).render()
    }
}
