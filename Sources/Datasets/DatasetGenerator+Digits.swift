import Autodiff

extension DatasetGenerator {
    /// The side of a digit image, in pixels.
    static let digitSide = 8
    /// The largest pixel value of the source: each pixel counts the set pixels of a 4×4 block
    /// of the original 32×32 bitmap, so 0…16.
    static let digitPixelMaximum: Float = 16

    /// The 1,797 handwritten digits of UCI optdigits (Alpaydin & Kaynak, 1998) as scikit-learn
    /// ships them, in file order: x `[1797, 1, 8, 8]` (one channel, PyTorch's layout) with
    /// pixels scaled to 0…1 (the source's 0…16 over 16), y the digit 0–9. `flat` gives x as
    /// `[1797, 64]`, the pixels of each image row by row. Features are named `pixel_r_c`, as
    /// scikit-learn names them.
    static func digits(flat: Bool) throws(DataError) -> Dataset {
        let pixels = digitSide * digitSide
        var x: [Float] = [], y: [Float] = []
        x.reserveCapacity(1797 * pixels)
        y.reserveCapacity(1797)
        for line in digitsText.split(separator: "\n") {
            let symbols = Array(line.utf8)
            // "d " and 64 base-17 digits; the embedded text is generated and tested, so a
            // malformed line is gradbook's mistake.
            precondition(symbols.count == pixels + 2, "digits: line of \(symbols.count) characters")
            y.append(Float(symbols[0] - UInt8(ascii: "0")))
            for s in symbols[2...] {
                let value = s <= UInt8(ascii: "9") ? s - UInt8(ascii: "0") : s - UInt8(ascii: "a") + 10
                x.append(Float(value) / digitPixelMaximum)
            }
        }
        let shape = flat ? [y.count, pixels] : [y.count, 1, digitSide, digitSide]
        let names = (0..<digitSide).flatMap { r in (0..<digitSide).map { c in "pixel_\(r)_\(c)" } }
        do {
            return Dataset(validX: try Tensor(shape: shape, scalars: x), y: Tensor(y), featureNames: names, targetNames: ["digit"])
        } catch {
            throw .tensor(error)
        }
    }
}
