/// One character cell of a terminal plot, with optional xterm-256 colours.
struct TerminalCell: Equatable, Sendable {
    var character: Character = " "
    var foreground: Int?
    var background: Int?
}

/// A rectangle of terminal cells, addressed by column and row from the top left.
struct TerminalGrid: Sendable {
    let columns: Int, rows: Int
    private(set) var cells: [TerminalCell]

    init(columns: Int, rows: Int) {
        self.columns = Swift.max(columns, 1)
        self.rows = Swift.max(rows, 1)
        cells = Array(repeating: TerminalCell(), count: self.columns * self.rows)
    }

    /// The cell at (column, row); writes outside the grid are ignored, reads give a blank.
    subscript(column: Int, row: Int) -> TerminalCell {
        get { contains(column, row) ? cells[row * columns + column] : TerminalCell() }
        set { if contains(column, row) { cells[row * columns + column] = newValue } }
    }

    func contains(_ column: Int, _ row: Int) -> Bool {
        column >= 0 && column < columns && row >= 0 && row < rows
    }

    /// One row's cells.
    func row(_ r: Int) -> ArraySlice<TerminalCell> {
        cells[(r * columns)..<((r + 1) * columns)]
    }
}

/// Braille dots over a terminal grid: each cell holds 2 × 4 dots (Unicode braille patterns,
/// U+2800–U+28FF), four times the resolution of whole characters in each direction.
/// A cell takes the colour of the last series that drew a dot in it.
struct BrailleCanvas: Sendable {
    let columns: Int, rows: Int
    private var bits: [UInt8]
    private var colors: [Int?]

    /// Pixels across and down.
    var pixelWidth: Int { columns * 2 }
    var pixelHeight: Int { rows * 4 }

    init(columns: Int, rows: Int) {
        self.columns = Swift.max(columns, 1)
        self.rows = Swift.max(rows, 1)
        bits = Array(repeating: 0, count: self.columns * self.rows)
        colors = Array(repeating: nil, count: self.columns * self.rows)
    }

    /// The dot bit for pixel (x mod 2, y mod 4), in the braille standard's numbering
    /// (dots 1–3 and 7 down the left column, 4–6 and 8 down the right).
    private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets pixel (x, y), y counted down from the top; pixels outside are ignored.
    mutating func set(_ x: Int, _ y: Int, color: Int?) {
        guard x >= 0, x < pixelWidth, y >= 0, y < pixelHeight else { return }
        let cell = (y / 4) * columns + x / 2
        bits[cell] |= BrailleCanvas.dotBits[x % 2][y % 4]
        if color != nil { colors[cell] = color }
    }

    /// A straight line (Bresenham) between two pixels. With `dash`, only the first `on` of
    /// every `on + off` pixels are set; `phase` carries the pattern across joined segments.
    mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int), color: Int?,
                       dash: (on: Int, off: Int)? = nil, phase: inout Int) {
        var x = a.x, y = a.y
        let dx = Swift.abs(b.x - a.x), dy = -Swift.abs(b.y - a.y)
        let sx = a.x < b.x ? 1 : -1, sy = a.y < b.y ? 1 : -1
        var error = dx + dy
        while true {
            if let dash {
                if phase % (dash.on + dash.off) < dash.on { set(x, y, color: color) }
                phase += 1
            } else {
                set(x, y, color: color)
            }
            if x == b.x && y == b.y { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x += sx }
            if e2 <= dx { error += dx; y += sy }
        }
    }

    /// Copies every cell with dots into `grid` as its braille character.
    func draw(into grid: inout TerminalGrid) {
        for row in 0..<rows {
            for column in 0..<columns {
                let b = bits[row * columns + column]
                guard b != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(b)) else { continue }
                grid[column, row].character = Character(scalar)
                grid[column, row].foreground = colors[row * columns + column]
            }
        }
    }
}
