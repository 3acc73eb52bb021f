/// How literals print back: in S-expression dumps and in diagnostics (`found number 2`).
extension Double {
    /// The number as dumps and messages print it: `2`, `0.5`, `0.001`, `1e+20`.
    ///
    /// Integral values below 10¹⁵ print without a fraction; the rest print as Swift's
    /// shortest round-tripping form.
    var literalText: String {
        if isFinite, self == rounded(.towardZero), Swift.abs(self) < 1e15 {
            return String(Int64(self))
        }
        return description
    }
}

extension String {
    /// The string as a literal, with `"`, `\`, line breaks and tabs escaped.
    var quotedLiteral: String {
        var out = "\""
        for character in self {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
