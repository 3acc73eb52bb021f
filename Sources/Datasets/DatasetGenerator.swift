import Autodiff

/// The built-in datasets of `dataset("moons", n=, noise=, features=, classes=, seed=)`.
///
/// Every generator is deterministic per seed (all randomness comes from one
/// `RandomGenerator(seed:)`), `n` is always the total number of rows, and rows come out in a
/// shuffled order so that batches mix the classes. Options a generator does not take are
/// errors, as are values outside their range; see each generator for its math.
///
/// | name             | n   | noise (meaning)              | features | classes |
/// |------------------|-----|------------------------------|----------|---------|
/// | `xor`            | 200 | 0 (coordinate std)           | —        | —       |
/// | `moons`          | 200 | 0.1 (coordinate std)         | —        | —       |
/// | `circles`        | 200 | 0.05 (coordinate std)        | —        | —       |
/// | `spirals`        | 300 | 0.05 (coordinate std)        | —        | 3       |
/// | `blobs`          | 300 | 1 (cluster std)              | 2        | 3       |
/// | `linear`         | 200 | 0.1 (target noise std)       | 1        | —       |
/// | `classification` | 1000| 0.01 (label-flip fraction)   | 10       | 2       |
/// | `iris`           | 150 fixed rows, no options                                |
/// | `digits`         | 1,797 fixed 8×8 images; `flat=true` gives x `[n, 64]`     |
public enum DatasetGenerator {
    /// The generators' names, in the order help lists them.
    public static let names = ["xor", "moons", "circles", "spirals", "blobs", "linear", "classification", "iris", "digits"]

    /// The most rows a generator makes (the allocation limit may stop a wide dataset sooner).
    public static let maximumRows = 10_000_000

    /// The dataset `name` with the given options (nil: the generator's default).
    public static func make(
        name: String, n: Int? = nil, noise: Double? = nil, features: Int? = nil, classes: Int? = nil,
        flat: Bool? = nil, seed: UInt64 = 0
    ) throws(DataError) -> Dataset {
        var options = GeneratorOptions(generator: name, n: n, noise: noise, features: features, classes: classes, flat: flat)
        var random = RandomGenerator(seed: seed)
        switch name {
        case "xor":
            try options.allow(n: 200, noise: 0)
            return try xor(n: options.n, noise: options.noise, using: &random)
        case "moons":
            try options.allow(n: 200, noise: 0.1)
            return try moons(n: options.n, noise: options.noise, using: &random)
        case "circles":
            try options.allow(n: 200, noise: 0.05)
            return try circles(n: options.n, noise: options.noise, using: &random)
        case "spirals":
            try options.allow(n: 300, noise: 0.05, classes: (3, 2...10))
            return try spirals(n: options.n, classes: options.classes, noise: options.noise, using: &random)
        case "blobs":
            try options.allow(n: 300, noise: 1, noiseRange: 0...100, features: (2, 1...1000), classes: (3, 1...100))
            return try blobs(n: options.n, features: options.features, classes: options.classes,
                             std: options.noise, using: &random)
        case "linear":
            try options.allow(n: 200, noise: 0.1, noiseRange: 0...100, features: (1, 1...1000))
            return try linear(n: options.n, features: options.features, noise: options.noise, using: &random)
        case "classification":
            try options.allow(n: 1000, noise: 0.01, noiseRange: 0...1, features: (10, 1...1000), classes: (2, 2...100))
            return try classification(n: options.n, features: options.features, classes: options.classes,
                                      flip: options.noise, using: &random)
        case "iris":
            try options.allow()
            return try iris()
        case "digits":
            try options.allow(flat: false)
            return try digits(flat: options.flat)
        default:
            throw .unknownGenerator(name: name, valid: names, suggestion: NameSuggestion.closest(to: name, in: names))
        }
    }

    /// A dataset from row-major generated values: features named `x0, x1, …`, one target `y`.
    static func dataset(x: [Float], y: [Float], features: Int) throws(DataError) -> Dataset {
        do {
            return Dataset(validX: try Tensor(shape: [y.count, features], scalars: x), y: Tensor(y),
                           featureNames: Dataset.defaultNames("x", features), targetNames: ["y"])
        } catch {
            throw .tensor(error)
        }
    }

    /// Rows (of `width` values each, with their labels) in a random order: Fisher–Yates over
    /// the row indices from `random`, then the rows gathered.
    static func shuffleRows(_ x: inout [Float], _ y: inout [Float], width: Int, using random: inout RandomGenerator) {
        var order = Array(y.indices)
        random.shuffle(&order)
        let oldX = x, oldY = y
        for (row, source) in order.enumerated() {
            y[row] = oldY[source]
            for j in 0..<width { x[row * width + j] = oldX[source * width + j] }
        }
    }

    /// Adds `noise·N(0, 1)` to every value, in order.
    static func addNoise(_ values: inout [Float], _ noise: Double, using random: inout RandomGenerator) {
        guard noise > 0 else { return }
        for i in values.indices { values[i] += Float(noise) * random.nextNormal() }
    }
}
