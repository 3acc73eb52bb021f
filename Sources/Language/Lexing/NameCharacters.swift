/// Which characters a name may start with and continue with.
///
/// Names are letters in the Unicode sense (Greek `θ α δ`, `ℓ`, `ℝ`, the mathematical
/// alphanumerics `𝐱 𝑤`), `_`, and after the first character also digits, combining marks
/// (`x̂`), connector punctuation, subscripts (`W₁`, `xᵢ`) and primes (`f′`). Mathematical
/// *symbols* are not letters: `∇`, `∂`, `∑` are rejected with a hint. Superscript digits are
/// rejected too, so that `x²` is never silently a name (write `x^2`).
///
/// Public so that tab completion finds the word before the cursor by the same rule.
public enum NameCharacters {
    /// Whether `scalar` can begin a name.
    public static func isStart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || scalar == "_"
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .letterNumber:
            return true
        default:
            return false
        }
    }

    /// Whether `scalar` can continue a name.
    public static func isContinue(_ scalar: Unicode.Scalar) -> Bool {
        if isStart(scalar) { return true }
        if scalar.isASCII { return scalar >= "0" && scalar <= "9" }
        switch scalar.value {
        case 0x2080...0x2089: return true   // subscript digits ₀…₉
        case 0x2032...0x2034, 0x2057: return true   // primes ′ ″ ‴ ⁗
        default: break
        }
        switch scalar.properties.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark, .connectorPunctuation:
            return true
        default:
            return false
        }
    }

    /// Whether `scalar` is a symbol people use as a letter in mathematics (`∇`, `∂`, `∑`),
    /// which earns a hint when it appears where a name was meant.
    static func isMathSymbol(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .mathSymbol, .otherSymbol: return true
        default: return false
        }
    }
}
