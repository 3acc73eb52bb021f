/// One comma-separated part of an index: a single position, or a slice.
///
/// `x[1, 2]` has two `.single` components; `x[:, 0]` has a `.slice` with no bounds and a
/// `.single`; `x[2:5]` one `.slice`. Negative positions count from the end — the interpreter's
/// business; the parser only records the expressions.
public enum IndexComponent: Sendable, Equatable {
    /// A range of positions `start:stop` or `start:stop:step`, each part optional.
    public struct Slice: Sendable, Equatable {
        /// The first position, or nil for "from the start".
        public var start: Expr?
        /// The position after the last, or nil for "to the end".
        public var stop: Expr?
        /// The stride, or nil for 1.
        public var step: Expr?
        /// From the first character of the component to its last (a lone `:` included).
        public var range: SourceRange

        /// Creates a slice.
        public init(start: Expr?, stop: Expr?, step: Expr?, range: SourceRange) {
            self.start = start
            self.stop = stop
            self.step = step
            self.range = range
        }
    }

    /// One position: `x[3]`, `x[-1]`, `x[i + 1]`.
    case single(Expr)
    /// A range of positions: `x[2:5]`, `x[:]`, `x[::2]`. (Boxed, so that a component is a
    /// word or two wide rather than three expressions wide.)
    indirect case slice(Slice)

    /// Where the component is.
    public var range: SourceRange {
        switch self {
        case .single(let expr): expr.range
        case .slice(let slice): slice.range
        }
    }
}
