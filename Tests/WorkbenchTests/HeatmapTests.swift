import Foundation
import Testing
import Autodiff
@testable import Workbench
@testable import Plots
@testable import Interop

/// `image t`: a matrix as terminal shades or colours with a value scale, and as SVG.
struct HeatmapTests {
    /// A 2×3 matrix whose values fall one per band, 0…4 over the range 0…5 (band width 1), and 5
    /// in the top band: the drawing is checked by hand, cell by cell.
    @Test func terminalShadesOfAKnownMatrix() throws {
        let t = try Tensor(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5])
        let text = try Heatmap(t, title: "m").terminal(width: 72, height: 40)
        #expect(text == """
        m
          ┌──────┐
        0 │  ░░▒▒│
        1 │▓▓████│
          └──────┘
          [2×3] · min 0 · max 5
          [  ] 0…1  [░░] 1…2  [▒▒] 2…3  [▓▓] 3…4  [██] 4…5
        """)
        // The darkest cell (█, the most ink) is the largest value, here at [1, 1] and [1, 2].
        let row1 = text.split(separator: "\n")[3]
        #expect(row1.dropFirst(3).prefix(6) == "▓▓████")
    }

    @Test func largestValueIsTheDarkestCellAnywhere() throws {
        var values = [Float](repeating: 0, count: 12)
        values[7] = 9  // row 1, column 3 of a 3×4 matrix
        let lines = try Heatmap(try Tensor(shape: [3, 4], scalars: values)).terminal().split(separator: "\n")
        #expect(lines[2] == "1 │      ██│")
        #expect(lines[1] == "0 │        │" && lines[3] == "2 │        │")
    }

    @Test func constantAndNonFiniteValues() throws {
        let constant = try Heatmap(try Tensor(shape: [1, 2], repeating: 3)).terminal()
        #expect(constant.contains("│▒▒▒▒│"), "a constant matrix is drawn in the middle shade:\n\(constant)")
        let withNaN = try Heatmap(try Tensor(shape: [1, 3], scalars: [0, .nan, 1])).terminal()
        #expect(withNaN.contains("│  ××██│") && withNaN.contains("note: 1 of 3 values are NaN or infinite, drawn as ×"), "\(withNaN)")
        #expect(throws: PlotError.self) { try Heatmap(try Tensor(shape: [1, 2], repeating: .nan)) }
        #expect(throws: PlotError.self) { try Heatmap(try Tensor(shape: [0, 2], repeating: 0)) }
    }

    @Test func largeMatricesAreDrawnInBlocks() throws {
        let t = try Tensor(shape: [100, 100], scalars: (0..<10_000).map { Float($0 % 100) })
        let text = try Heatmap(t).terminal(width: 72, height: 40)
        // 100 columns, two characters each, in 72 − 5 columns: at most 33 cells across, so blocks of 4 (25 cells).
        #expect(text.contains("note: each cell is the mean of a 4×4 block"), "\(text)")
        #expect(text.split(separator: "\n").filter { $0.contains("│") }.count == 25)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 72 })
    }

    @Test func svgIsValidWithOneCellPerElement() throws {
        let t = try Tensor(shape: [3, 5], scalars: (0..<15).map(Float.init))
        let svg = try Heatmap(t, title: "w <0>").svg()
        let inspected = SVGInspector(svg)
        #expect(inspected.wellFormed, "\(inspected.error ?? "")")
        #expect(inspected.all("rect", class: "cell").count == 15)
        #expect(inspected.all("rect", class: "swatch").count == Heatmap.levels)
        _ = try SVGCheck.inlineable(svg, cell: 0)
        #expect(svg.contains("<title>[1, 2] = 7"))
        #expect(inspected.allText.contains("w <0>"))
    }

    @Test func imageCommandDrawsAndChecksItsArgument() throws {
        let s = RecordingSession()
        let drawn = s.output("image [[0, 1], [2, 3]]")
        #expect(drawn.contains("0 │  ░░│") && drawn.contains("1 │▓▓██│"), "\(drawn)")
        let error = s.error("image [1, 2, 3]")
        #expect(error.contains("image: t must be a 2-D tensor (rows × columns), got shape [3]") && error.contains("reshape"), "\(error)")
        let image4 = s.error("x = zeros(2, 1, 8, 8)\nimage x")
        #expect(image4.contains("got shape [2, 1, 8, 8]") && image4.contains("image x[0, 0]"), "\(image4)")
        let digit = s.output("digits = dataset(\"digits\")\nimage digits.x[0, 0]")
        #expect(digit.contains("[8×8] · min 0 · max 0.9375"), "\(digit)")
        // The title, the frame's top, 8 rows, its bottom, the range and the scale (on two lines in 72 columns).
        let lines = digit.split(separator: "\n")
        #expect(lines.count == 14 && lines.allSatisfy { $0.count <= 72 }, "\(digit)")
        #expect(lines[2] == "0 │    ░░██▓▓      │", "the first digit, a 0, starts with pixels 0 0 5 13 9 1 0 0 of 16")
    }

    @Test func imageFileIsAnSVG() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-image-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("d.svg").path
        let s = RecordingSession()
        #expect(s.output("image [[0, 1], [2, 3]] file=\"\(path)\"").contains("wrote"))
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(SVGInspector(svg).all("rect", class: "cell").count == 4)
    }

    @Test func colourOnlyWhenColourIsOn() throws {
        let escape = "\u{1B}["
        for usesColor in [false, true] {
            let s = RecordingSession(isTerminal: true, usesColor: usesColor)
            s.output("image [[0, 1], [2, 3]]")
            let shown = s.printed.joined(separator: "\n")
            #expect(shown.contains(escape + "48;5;") == usesColor, "\(shown.debugDescription)")
            #expect(shown.contains("██") == !usesColor)
        }
    }
}
