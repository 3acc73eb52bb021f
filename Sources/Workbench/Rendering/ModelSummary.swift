import NN

/// `summary model`, laid out as Keras prints it.
enum ModelSummary {
    /// `name` heads the table as Keras's model name does (`Model: "model"`).
    static func render(_ m: Sequential, name: String = "sequential") -> String {
        let headers = ["Layer (type)", "Output Shape", "Param #"]
        var rows: [[String]] = []
        for (layer, shape) in zip(m.layers, m.layerOutputShapes) {
            let params = layer.parameters.reduce(0) { $0 + $1.count }
            let output = "(" + (["None"] + shape.map(String.init)).joined(separator: ", ") + ")"
            rows.append(["\(layer.name) (\(layer.typeName))", output, String(params)])
        }
        let widths = [max(28, rows.map { $0[0].count }.max() ?? 0) + 2, 26, 10]
        func line(_ cells: [String]) -> String {
            " " + zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined()
        }
        let rule = String(repeating: "_", count: widths.reduce(0, +))
        let double = String(repeating: "=", count: widths.reduce(0, +))
        var lines = ["Model: \"\(name)\"", rule, line(headers), double]
        for (i, row) in rows.enumerated() {
            lines.append(line(row))
            if i < rows.count - 1 { lines.append("") }
        }
        // Keras counts state that does not train (moving statistics) in the total, apart.
        let total = m.parameterCount, trainable = m.trainableParameterCount, frozen = total - trainable
        lines += [double, "Total params: \(total) (\(bytes(total * 4)))",
                  "Trainable params: \(trainable) (\(bytes(trainable * 4)))",
                  "Non-trainable params: " + (frozen == 0 ? "0" : "\(frozen) (\(bytes(frozen * 4)))"), rule]
        return lines.joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
    }

    private static func bytes(_ n: Int) -> String {
        n < 1024 ? "\(n) B" : String(format: "%.2f KB", Double(n) / 1024)
    }
}

import Foundation
