#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Autodiff

/// Two-feature classification problems to draw decision boundaries on.
/// Shapes: `x` `[n, 2]`, `y` `[n]` class indices.
extension DatasetGenerator {
    /// XOR: the four quadrants, opposite ones alike.
    ///
    /// `x ~ U(−1, 1)²` row by row; `y = 1` when `x₁` and `x₂` have different signs (x₁·x₂ < 0),
    /// else 0; then `x += noise·N(0, I)` — so noise blurs the boundary without relabelling.
    static func xor(n: Int, noise: Double, using random: inout RandomGenerator) throws(DataError) -> Dataset {
        var x = [Float](repeating: 0, count: 2 * n), y = [Float](repeating: 0, count: n)
        for i in 0..<n {
            let a = 2 * random.nextDouble() - 1, b = 2 * random.nextDouble() - 1
            x[2 * i] = Float(a)
            x[2 * i + 1] = Float(b)
            y[i] = a * b < 0 ? 1 : 0
        }
        addNoise(&x, noise, using: &random)
        return try dataset(x: x, y: y, features: 2)
    }

    /// Two interleaving half circles, as scikit-learn's `make_moons`.
    ///
    /// ⌊n/2⌋ points on the upper unit half circle `(cos t, sin t)`, t = linspace(0, π), class 0,
    /// and the rest on the lower one shifted right and down, `(1 − cos t, 1 − sin t − ½)`, class 1;
    /// rows shuffled, then `x += noise·N(0, I)`.
    static func moons(n: Int, noise: Double, using random: inout RandomGenerator) throws(DataError) -> Dataset {
        let outer = n / 2
        var x: [Float] = [], y: [Float] = []
        for (count, label) in [(outer, Float(0)), (n - outer, Float(1))] {
            for i in 0..<count {
                let t = count > 1 ? Double.pi * Double(i) / Double(count - 1) : 0
                x.append(label == 0 ? Float(cos(t)) : Float(1 - cos(t)))
                x.append(label == 0 ? Float(sin(t)) : Float(1 - sin(t) - 0.5))
                y.append(label)
            }
        }
        shuffleRows(&x, &y, width: 2, using: &random)
        addNoise(&x, noise, using: &random)
        return try dataset(x: x, y: y, features: 2)
    }

    /// A small circle inside a large one, as scikit-learn's `make_circles` with factor 0.5.
    ///
    /// ⌊n/2⌋ points evenly round the unit circle `(cos t, sin t)`, t = 2πi/m, class 0, and the
    /// rest round the circle of radius ½, class 1; rows shuffled, then `x += noise·N(0, I)`.
    static func circles(n: Int, noise: Double, using random: inout RandomGenerator) throws(DataError) -> Dataset {
        let outer = n / 2
        var x: [Float] = [], y: [Float] = []
        for (count, label, radius) in [(outer, Float(0), 1.0), (n - outer, Float(1), 0.5)] {
            for i in 0..<count {
                let t = 2 * Double.pi * Double(i) / Double(count)
                x.append(Float(radius * cos(t)))
                x.append(Float(radius * sin(t)))
                y.append(label)
            }
        }
        shuffleRows(&x, &y, width: 2, using: &random)
        addNoise(&x, noise, using: &random)
        return try dataset(x: x, y: y, features: 2)
    }

    /// `classes` spiral arms winding out of the origin (the CS231n spiral, arms evenly spaced).
    ///
    /// Class j has ⌊n/k⌋ points (one more for the first n mod k classes); its point i has
    /// `r = i/(m − 1)` and `θ = 2πj/k + 4r` (each arm turns 4 radians from the centre out), at
    /// `r·(cos θ, sin θ)`; rows shuffled, then `x += noise·N(0, I)`.
    static func spirals(n: Int, classes: Int, noise: Double, using random: inout RandomGenerator) throws(DataError) -> Dataset {
        var x: [Float] = [], y: [Float] = []
        x.reserveCapacity(2 * n)
        for j in 0..<classes {
            let count = n / classes + (j < n % classes ? 1 : 0)
            for i in 0..<count {
                let r = count > 1 ? Double(i) / Double(count - 1) : 0
                let theta = 2 * Double.pi * Double(j) / Double(classes) + 4 * r
                x.append(Float(r * cos(theta)))
                x.append(Float(r * sin(theta)))
                y.append(Float(j))
            }
        }
        shuffleRows(&x, &y, width: 2, using: &random)
        addNoise(&x, noise, using: &random)
        return try dataset(x: x, y: y, features: 2)
    }
}
