/// Colours and glyphs, shared by the terminal and SVG versions of a plot so that the two
/// read the same: series k has the same colour name, marker and dash in both.
///
/// Colours follow matplotlib's "tab10" (a palette chosen to stay distinguishable, also for
/// the common colour-vision deficiencies); the terminal uses the nearest xterm-256 colours.
enum Palette {
    /// (SVG colour, ANSI 256-colour index) pairs: blue, orange, green, red, purple, brown,
    /// pink, grey, olive, cyan.
    static let colors: [(svg: String, ansi: Int)] = [
        ("#1f77b4", 32), ("#ff7f0e", 208), ("#2ca02c", 34), ("#d62728", 160), ("#9467bd", 98),
        ("#8c564b", 95), ("#e377c2", 212), ("#7f7f7f", 244), ("#bcbd22", 142), ("#17becf", 38),
    ]

    /// Pale versions of `colors`, for decision regions behind the points.
    static let paleColors: [(svg: String, ansi: Int)] = [
        ("#aec7e8", 153), ("#ffbb78", 223), ("#98df8a", 157), ("#ff9896", 217), ("#c5b0d5", 183),
        ("#c49c94", 181), ("#f7b6d2", 218), ("#c7c7c7", 251), ("#dbdb8d", 187), ("#9edae5", 159),
    ]

    /// Series markers: one terminal character each (single-width in common terminal fonts),
    /// and the SVG shape drawn for it.
    static let markers: [(glyph: Character, shape: MarkerShape)] = [
        ("●", .circle), ("■", .square), ("▲", .triangle), ("◆", .diamond), ("×", .cross), ("+", .plus),
    ]

    static func color(_ k: Int) -> (svg: String, ansi: Int) { colors[k % colors.count] }
    static func paleColor(_ k: Int) -> (svg: String, ansi: Int) { paleColors[k % paleColors.count] }
    static func marker(_ k: Int) -> (glyph: Character, shape: MarkerShape) { markers[k % markers.count] }
}

/// The SVG shapes that stand for the terminal's marker glyphs.
enum MarkerShape: Sendable {
    case circle, square, triangle, diamond, cross, plus
}

/// Per-class drawing for decision-region plots: a point glyph, a region shade for plain text,
/// and colours. Shades go from blank through lighter to darker blocks, so two classes read as
/// blank and ░; points are ASCII letters and signs that stay legible on any shade.
enum ClassPalette {
    /// The most classes a plot distinguishes (beyond this colours and glyphs would repeat).
    static let maxClasses = 10
    static let glyphs: [Character] = ["o", "x", "+", "#", "@", "^", "*", "%", "&", "$"]
    static let shades: [Character] = [" ", "░", "▒", "▓", "·", ":", "-", "~", "'", "`"]
}

/// ANSI escape sequences for the terminal plots (xterm 256 colours, understood by every
/// terminal in common use).
enum ANSI {
    static let reset = "\u{1B}[0m"

    static func foreground(_ index: Int) -> String { "\u{1B}[38;5;\(index)m" }
    static func background(_ index: Int) -> String { "\u{1B}[48;5;\(index)m" }
}
