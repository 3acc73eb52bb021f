import Autodiff
import Language
import Datasets

/// Loading, generating and shaping data.
extension Builtins {
    static let data: [Builtin] = [
        Builtin("load", .data, signature: "load(\"file.csv\", target=\"label\", header=true) or load(\"x.npy\")",
                summary: "A dataset from a CSV file (separated by , ; or tab; a header row, or header=false for columns c0, c1, …; target column by name, default the last), or a tensor from a .npy file.",
                example: "data = load(\"data/iris.csv\", target=\"species\")", options: ["target", "header"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let path = try inv.readablePath(0)
            if path.lowercased().hasSuffix(".npy") {
                return .tensor(try inv.data { () throws(DataError) in try NPYReader.read(path) })
            }
            let target = try inv.optionString("target")
            let header = try inv.optionBool("header", default: true)
            let data: Dataset
            do throws(DataError) { data = try CSVLoader.load(path, target: target, header: header) } catch {
                let hint: DiagnosticMessage? = if case .headerIsData = error {
                    .hintAdvice("if the file has no header row, write header=false: the columns are then named c0, c1, …")
                } else { nil }
                throw .error(.dataFailure("\(error)"), at: inv.callRange, hint: hint)
            }
            if let classes = data.classNames {
                let mapping = classes.enumerated().map { "\($0.offset) = \($0.element)" }.joined(separator: ", ")
                inv.print("\(data.targetName): text classes numbered \(mapping)")
            }
            return .dataset(data)
        },
        Builtin("dataset", .data, signature: "dataset(x, y) or dataset(\"moons\", n=, noise=, features=, classes=, seed=) or dataset(\"digits\", flat=false)",
                summary: "A dataset from tensors, or a generated one: xor, moons, circles, spirals, blobs, linear, classification; or a bundled one: iris, digits (x [1797, 1, 8, 8] in 0…1, flat=true [1797, 64]).",
                example: "data = dataset(\"moons\", n=500, noise=0.1, seed=0)",
                options: ["n", "noise", "features", "classes", "seed", "flat"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...2)
            if case .string(let name) = inv.value(0) {
                try inv.expectArguments(1...1)
                let n = try inv.optionInteger("n", minimum: 1)
                let noise = try inv.optionNumber("noise")
                let features = try inv.optionInteger("features", minimum: 1)
                let classes = try inv.optionInteger("classes", minimum: 1)
                let seed = try inv.seedOption()
                let flat = inv.has("flat") ? try inv.optionBool("flat", default: false) : nil
                return .dataset(try inv.data { () throws(DataError) in
                    try DatasetGenerator.make(name: name, n: n, noise: noise, features: features, classes: classes, flat: flat, seed: seed)
                })
            }
            try inv.expectArguments(2...2)
            let x = try inv.tensor(0, "x"), y = try inv.tensor(1, "y")
            return .dataset(try inv.data { () throws(DataError) in try Dataset(x: x.detached, y: y.detached) })
        },
        Builtin("split", .data, signature: "split(data, fraction_or_count, seed=)",
                summary: "Two datasets: a seeded shuffle, then ⌊n·f⌋ rows (or the count) in the first.",
                example: "train, test = split(data, 0.8, seed=42)", options: ["seed"]) { inv throws(Diagnostic) in
            try inv.expectArguments(2...2)
            let data = try inv.dataset(0)
            let amount = try inv.number(1, "fraction_or_count")
            let seed = try inv.seedOption()
            let parts = try inv.data { () throws(DataError) in try data.split(try SplitSize(amount), seed: seed) }
            return .list([.dataset(parts.first), .dataset(parts.second)])
        },
        Builtin("standardize", .data, signature: "standardize(data, like=train)",
                summary: "Features shifted to mean 0 and scaled to std 1 (population std); like=train applies train's statistics (standardize(test, like=train)): those it was standardized with, or, for raw data, its own.",
                example: "train = standardize(train)", options: ["like"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let data = try inv.dataset(0)
            if let like = inv.optionValue("like") {
                guard case .dataset(let reference) = like else {
                    throw .error(.wrongArgumentKind(function: "standardize", argument: "like", expected: "a dataset", got: like.kind), at: inv.optionRange("like"))
                }
                return .dataset(try inv.data { () throws(DataError) in try data.standardized(like: reference) })
            }
            return .dataset(try inv.data { () throws(DataError) in try data.standardized() })
        },
        Builtin("onehot", .data, signature: "onehot(y, classes)", summary: "Class indices [n] as one-hot rows [n, classes].",
                example: "onehot([0, 2, 1], 3)") { inv throws(Diagnostic) in
            try inv.expectArguments(2...2)
            let classes = try inv.integer(1, "classes", minimum: 1)
            if case .dataset(let d) = inv.value(0) {
                return .dataset(try inv.data { () throws(DataError) in try Dataset(x: d.x, y: try d.y.oneHot(classes: classes)) })
            }
            let y = try inv.tensor(0, "y")
            return .tensor(try inv.data { () throws(DataError) in try y.oneHot(classes: classes) })
        },
        Builtin("batch", .data, signature: "batch(data, size, index=0)", summary: "The index-th batch of size rows (0-based; the last may be short).",
                example: "b = batch(train, 32, index=0)", options: ["index"]) { inv throws(Diagnostic) in
            try inv.expectArguments(2...2)
            let data = try inv.dataset(0)
            let size = try inv.integer(1, "size", minimum: 1)
            let index = try inv.optionInteger("index", default: 0)
            return .dataset(try inv.data { () throws(DataError) in try data.batch(size: size, index: index) })
        },
        Builtin("head", .data, signature: "head(data, n=5)", summary: "The first rows of a dataset, as a table.",
                example: "head data", options: ["n"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...2)
            let data = try inv.dataset(0)
            let n = inv.count == 2 ? try inv.integer(1, "n", minimum: 0) : try inv.optionInteger("n", default: 5, minimum: 0)
            let rows = try inv.data { () throws(DataError) in try data.head(n) }
            inv.print(DatasetTable(numbers: inv.session.numberFormat).render(rows, total: data.count))
            return .nothing
        },
    ]
}

extension Invocation {
    /// `seed=` when given, else the next number of the session's stream (so that a session
    /// without explicit seeds still replays exactly).
    func seedOption() throws(Diagnostic) -> UInt64 {
        if let s = try optionInteger("seed", minimum: 0) { return UInt64(s) }
        return session.random.next()
    }

    /// The path in argument `i`, checked against the session's file policy.
    func readablePath(_ i: Int) throws(Diagnostic) -> String {
        let path = try string(i, "the path")
        do { return try session.filePolicy.resolve(path) } catch { throw .error(.fileFailure("\(error)"), at: range(i)) }
    }

    /// A path to write, checked against the session's file policy.
    func writablePath(_ path: String, at range: SourceRange) throws(Diagnostic) -> String {
        do { return try session.filePolicy.resolve(path, forWriting: true) } catch { throw .error(.fileFailure("\(error)"), at: range) }
    }
}

/// The first rows of a dataset as an aligned table (`head data`).
struct DatasetTable {
    let numbers: NumberFormat

    func render(_ d: Dataset, total: Int) -> String {
        let headers = d.featureNames + d.targetNames
        var rows: [[String]] = []
        let x = d.x.scalars, y = d.y.scalars
        let width = d.featureCount, targets = d.targetCount
        for r in 0..<d.count {
            var row = (0..<width).map { numbers.format(Double(x[r * width + $0])) }
            for t in 0..<targets {
                let v = y[r * targets + t]
                if let classes = d.classNames, targets == 1, v >= 0, Int(v) < classes.count {
                    row.append("\(Int(v)) (\(classes[Int(v)]))")
                } else {
                    row.append(numbers.format(Double(v)))
                }
            }
            rows.append(row)
        }
        let widths = headers.indices.map { i in ([headers[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { (i: Int, cell: String) -> String in
                String(repeating: " ", count: widths[i] - cell.count) + cell
            }.joined(separator: "  ")
        }
        var lines = [line(headers)] + rows.map(line)
        lines.append("(\(d.count) of \(Plural.count(total, "row")))")
        return lines.joined(separator: "\n")
    }
}
