extension String {
    /// The text followed by spaces up to `width` characters; never cut. Foundation's
    /// `padding(toLength:)` counts UTF-16 units instead, and so cuts a line that holds x̂ or ĝ
    /// (a letter and a combining accent: one character, two units) before its end.
    func padded(to width: Int) -> String {
        self + String(repeating: " ", count: Swift.max(0, width - count))
    }
}
