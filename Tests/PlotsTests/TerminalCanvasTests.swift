import Testing
@testable import Plots

struct TerminalCanvasTests {
    func text(_ canvas: BrailleCanvas) -> String {
        var grid = TerminalGrid(columns: canvas.columns, rows: canvas.rows)
        canvas.draw(into: &grid)
        return (0..<grid.rows).map { String(grid.row($0).map(\.character)) }.joined(separator: "\n")
    }

    @Test func dotsFollowTheBrailleNumbering() {
        var canvas = BrailleCanvas(columns: 1, rows: 1)
        canvas.set(0, 0, color: nil)
        #expect(text(canvas) == "⠁")
        canvas.set(1, 3, color: nil)
        #expect(text(canvas) == "⢁")
        var all = BrailleCanvas(columns: 1, rows: 1)
        for x in 0..<2 { for y in 0..<4 { all.set(x, y, color: nil) } }
        #expect(text(all) == "⣿")
    }

    @Test func pixelsOutsideAreIgnored() {
        var canvas = BrailleCanvas(columns: 2, rows: 1)
        canvas.set(-1, 0, color: nil)
        canvas.set(4, 0, color: nil)
        canvas.set(0, 4, color: nil)
        #expect(text(canvas) == "  ")
    }

    @Test func linesAndDashes() {
        var canvas = BrailleCanvas(columns: 4, rows: 1)
        var phase = 0
        canvas.line(from: (0, 0), to: (7, 0), color: nil, phase: &phase)
        #expect(text(canvas) == "⠉⠉⠉⠉")
        var dashed = BrailleCanvas(columns: 4, rows: 1)
        phase = 0
        dashed.line(from: (0, 3), to: (7, 3), color: nil, dash: (on: 2, off: 2), phase: &phase)
        #expect(text(dashed) == "⣀ ⣀ ")
        var diagonal = BrailleCanvas(columns: 1, rows: 1)
        phase = 0
        diagonal.line(from: (0, 0), to: (1, 3), color: nil, phase: &phase)
        #expect(text(diagonal).unicodeScalars.first.map { $0.value - 0x2800 }.map { $0 & 0x81 } == 0x81)
    }
}
