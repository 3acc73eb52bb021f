extension Histogram {
    /// The histogram as terminal text, one row per bin:
    ///
    /// ```
    ///  [-3.09, -2.53)  ▍                          4
    ///  [-0.31,  0.25)  ███████████████████▌     189  ◀ mean
    ///  [ 2.51,  3.10]  ▏                          2
    ///  n 1000 · mean 0.0132 · std 0.9871 · min -3.0912 · max 3.1022
    /// ```
    ///
    /// Bars are measured in eighths of a character (▏▎▍▌▋▊▉█); a bin with any value shows at
    /// least one eighth. `height` is a hint: every bin gets its row.
    public func terminal(width: Int = 72, height: Int = 20, color: Bool = false) -> String {
        let width = PlotSize.terminal(width: width, height: height).width
        let labels = edgeLabels
        let labelWidth = labels.map(\.count).max() ?? 1
        let countWidth = String(counts.max() ?? 0).count
        let marker = " ◀ mean"
        // " [lo, hi)" + "  " + bar + "  " + count + marker fills the width exactly.
        let barWidth = Swift.max(width - (labelWidth * 2 + 5) - 2 - 2 - countWidth - marker.count, 4)
        let largest = Swift.max(counts.max() ?? 1, 1)
        let meanRow = meanBin
        var lines: [String] = []
        if let title { lines.append(title) }
        for (i, count) in counts.enumerated() {
            let lo = pad(labels[i], labelWidth), hi = pad(labels[i + 1], labelWidth)
            let range = " [" + lo + ", " + hi + (i == counts.count - 1 ? "]" : ")")
            let eighths = count == 0 ? 0 : Swift.max(1, (count * barWidth * 8 + largest / 2) / largest)
            let bar = Histogram.bar(eighths: eighths)
            let gap = String(repeating: " ", count: barWidth - bar.count + 2 + countWidth - String(count).count)
            var line = range + "  " + (color ? ANSI.foreground(Palette.color(0).ansi) + bar + ANSI.reset : bar) + gap + String(count)
            if i == meanRow { line += color ? ANSI.foreground(Palette.color(3).ansi) + marker + ANSI.reset : marker }
            lines.append(line)
        }
        // The summary wraps between its parts to stay within the width.
        var summaryLine = ""
        for part in summaryParts {
            if !summaryLine.isEmpty, summaryLine.count + 3 + part.count + 1 > width {
                lines.append(" " + summaryLine)
                summaryLine = ""
            }
            summaryLine += (summaryLine.isEmpty ? "" : " · ") + part
        }
        lines.append(" " + summaryLine)
        lines += notes
        return lines.joined(separator: "\n")
    }

    /// Full blocks and one partial block for `eighths` eighths of a character.
    static func bar(eighths: Int) -> String {
        let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var bar = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { bar.append(partials[eighths % 8 - 1]) }
        return bar
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: Swift.max(width - text.count, 0)) + text
    }
}
