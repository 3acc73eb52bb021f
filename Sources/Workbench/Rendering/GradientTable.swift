import Autodiff

/// `grads model`: one row per param with its gradient's size and the last update's.
struct GradientTable {
    struct Row {
        let name: String
        let param: Tensor
        let updateRatio: Double?
        /// False for state the optimizer does not step (moving statistics): no gradient, and
        /// the table says so.
        var trainable = true
    }

    let numbers: NumberFormat

    func render(_ rows: [Row]) -> String {
        let headers = ["param", "shape", "‖g‖", "mean", "max|g|", "update/param"]
        var table: [[String]] = []
        for row in rows {
            let shape = "[" + row.param.shape.map(String.init).joined(separator: ", ") + "]"
            guard row.trainable else {
                table.append([row.name, shape, "—", "—", "—", "not trained"])
                continue
            }
            guard let g = row.param.grad else {
                table.append([row.name, shape, "—", "—", "—", "—"])
                continue
            }
            let values = g.scalars
            var sumSquares = 0.0, sum = 0.0, largest = 0.0
            for v in values {
                sumSquares += Double(v) * Double(v)
                sum += Double(v)
                largest = max(largest, Swift.abs(Double(v)))
            }
            let ratio = row.updateRatio.map { numbers.format($0) } ?? "—"
            table.append([row.name, shape, numbers.format(sumSquares.squareRoot()),
                          numbers.format(sum / Double(max(values.count, 1))), numbers.format(largest), ratio])
        }
        return TextTable(headers: headers, rows: table, rightAligned: [false, false, true, true, true, true]).render()
    }
}

/// A plain text table with aligned columns.
struct TextTable {
    let headers: [String]
    let rows: [[String]]
    let rightAligned: [Bool]

    func render() -> String {
        let widths = headers.indices.map { i in ([headers[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned[i] ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
