import Foundation
import Testing
import Autodiff
@testable import Datasets

/// The built-in datasets: determinism, shapes, their geometry and statistics, option checks.
struct GeneratorTests {
    private func make(
        _ name: String, n: Int? = nil, noise: Double? = nil, features: Int? = nil, classes: Int? = nil, seed: UInt64 = 0
    ) throws -> Dataset {
        try DatasetGenerator.make(name: name, n: n, noise: noise, features: features, classes: classes, seed: seed)
    }

    /// Rows of x as pairs, with their labels.
    private func points(_ data: Dataset) -> [(x: Float, y: Float, label: Float)] {
        let x = data.x.scalars, y = data.y.scalars
        return (0..<data.count).map { (x[2 * $0], x[2 * $0 + 1], y[$0]) }
    }

    private func counts(_ labels: [Float]) -> [Float: Int] {
        labels.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    @Test(arguments: DatasetGenerator.names)
    func deterministicPerSeed(name: String) throws {
        let a = try make(name, seed: 5), b = try make(name, seed: 5)
        #expect(a.x.isIdentical(to: b.x) && a.y.isIdentical(to: b.y))
        if !["iris", "digits"].contains(name) {  // the bundled datasets are fixed rows
            let c = try make(name, seed: 6)
            #expect(!c.x.isIdentical(to: a.x))
        }
    }

    @Test(arguments: [("xor", 200, 2), ("moons", 200, 2), ("circles", 200, 2), ("spirals", 300, 2), ("blobs", 300, 2),
                      ("linear", 200, 1), ("classification", 1000, 10), ("iris", 150, 4)])
    func defaultShapes(name: String, rows: Int, features: Int) throws {
        let data = try make(name)
        #expect(data.x.shape == [rows, features])
        #expect(data.y.shape == [rows])
        #expect(data.featureNames.count == features)
    }

    @Test(arguments: ["xor", "moons", "circles", "spirals", "blobs", "linear", "classification"])
    func nIsTheTotalRowCount(name: String) throws {
        for n in [1, 2, 7, 1001] { #expect(try make(name, n: n).count == n, "\(name) n=\(n)") }
    }

    @Test func xorLabelsAreTheSignRule() throws {
        let data = try make("xor", n: 2000)
        for p in points(data) {
            #expect(abs(p.x) <= 1 && abs(p.y) <= 1)
            #expect(p.label == (p.x * p.y < 0 ? 1 : 0))
        }
        let ones = counts(data.y.scalars)[1] ?? 0
        #expect(ones > 900 && ones < 1100)
    }

    @Test func moonsLieOnTheirHalfCircles() throws {
        let data = try make("moons", n: 201, noise: 0)
        #expect(counts(data.y.scalars) == [0: 100, 1: 101])
        for p in points(data) {
            let (cx, cy): (Float, Float) = p.label == 0 ? (0, 0) : (1, 0.5)
            #expect(abs(((p.x - cx) * (p.x - cx) + (p.y - cy) * (p.y - cy)).squareRoot() - 1) < 1e-5)
            #expect(p.label == 0 ? p.y >= -1e-6 : p.y <= 0.5 + 1e-6)
        }
        // Noise is Gaussian with std `noise` around the curve.
        let noisy = points(try make("moons", n: 4000, noise: 0.1))
        let deviations = noisy.map { p -> Float in
            let (cx, cy): (Float, Float) = p.label == 0 ? (0, 0) : (1, 0.5)
            return ((p.x - cx) * (p.x - cx) + (p.y - cy) * (p.y - cy)).squareRoot() - 1
        }
        let rms = (deviations.map { $0 * $0 }.reduce(0, +) / Float(deviations.count)).squareRoot()
        #expect(rms > 0.07 && rms < 0.13)
    }

    @Test func circlesHaveRadiiOneAndAHalf() throws {
        let data = try make("circles", n: 100, noise: 0)
        #expect(counts(data.y.scalars) == [0: 50, 1: 50])
        for p in points(data) {
            #expect(abs((p.x * p.x + p.y * p.y).squareRoot() - (p.label == 0 ? 1 : 0.5)) < 1e-5)
        }
    }

    @Test func spiralsHaveBalancedArms() throws {
        let data = try make("spirals", n: 301, noise: 0, classes: 4)
        #expect(counts(data.y.scalars) == [0: 76, 1: 75, 2: 75, 3: 75])
        for p in points(data) { #expect((p.x * p.x + p.y * p.y).squareRoot() <= 1 + 1e-5) }
        // The outermost point of arm j is at angle 2πj/4 + 4.
        let outer = points(data).filter { abs($0.x * $0.x + $0.y * $0.y - 1) < 1e-5 }
        #expect(outer.count == 4)
        for p in outer {
            let angle = 2 * Double.pi * Double(p.label) / 4 + 4
            #expect(abs(Double(p.x) - cos(angle)) < 1e-5 && abs(Double(p.y) - sin(angle)) < 1e-5)
        }
    }

    @Test func blobsAreGaussianClusters() throws {
        let data = try make("blobs", n: 3000, noise: 0.5, features: 3, classes: 3, seed: 2)
        #expect(counts(data.y.scalars) == [0: 1000, 1: 1000, 2: 1000])
        let x = data.x.scalars, y = data.y.scalars
        for c in 0..<3 {
            let rows = (0..<3000).filter { y[$0] == Float(c) }
            for f in 0..<3 {
                let values = rows.map { Double(x[3 * $0 + f]) }
                let mean = values.reduce(0, +) / Double(values.count)
                let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
                #expect(abs(mean) <= 10.1, "centres are in [-10, 10]")
                #expect(abs(std - 0.5) < 0.05)
            }
        }
    }

    @Test func linearIsALineWithTheRightNoise() throws {
        let exact = try make("linear", n: 50, noise: 0, seed: 3)
        let x = exact.x.scalars.map(Double.init), y = exact.y.scalars.map(Double.init)
        let w = (y[1] - y[0]) / (x[1] - x[0]), b = y[0] - w * x[0]
        #expect(abs(w) >= 0.5 && abs(w) <= 2 && abs(b) <= 1)
        for i in 0..<50 { #expect(abs(y[i] - (w * x[i] + b)) < 1e-4) }

        // With noise, the residuals around the noiseless line (same seed, same x) have std ≈ noise.
        let noisy = try make("linear", n: 20000, noise: 0.3, features: 4, seed: 3)
        let clean = try make("linear", n: 20000, noise: 0, features: 4, seed: 3)
        #expect(noisy.x.shape == [20000, 4])
        let residuals = zip(noisy.y.scalars, clean.y.scalars).map { Double($0 - $1) }
        let std = (residuals.map { $0 * $0 }.reduce(0, +) / 20000).squareRoot()
        #expect(abs(std - 0.3) < 0.03)
    }

    @Test func classificationShapeAndBalance() throws {
        let data = try make("classification", n: 4000)
        #expect(data.x.shape == [4000, 10])
        let ones = counts(data.y.scalars)[1] ?? 0
        #expect(ones > 1800 && ones < 2200)
        let three = try make("classification", n: 900, features: 6, classes: 3)
        #expect(Set(three.y.scalars) == [0, 1, 2])
        let one = try make("classification", n: 10, features: 1, classes: 2)
        #expect(one.x.shape == [10, 1])
    }

    /// The seed model's task must be learnable but not trivial: a nearest-class-mean rule on
    /// it is well above chance and well below perfect.
    @Test func classificationIsNeitherTrivialNorNoise() throws {
        let data = try make("classification", n: 12000)
        let (train, test) = try data.split(.count(10000), seed: 42)
        var means = [[Double]](repeating: [Double](repeating: 0, count: 10), count: 2), sizes = [0.0, 0.0]
        let tx = train.x.scalars, ty = train.y.scalars
        for i in 0..<train.count {
            let c = Int(ty[i])
            sizes[c] += 1
            for j in 0..<10 { means[c][j] += Double(tx[i * 10 + j]) }
        }
        for c in 0..<2 { for j in 0..<10 { means[c][j] /= sizes[c] } }
        let ex = test.x.scalars, ey = test.y.scalars
        var correct = 0
        for i in 0..<test.count {
            let d = (0..<2).map { c in (0..<10).map { j in pow(Double(ex[i * 10 + j]) - means[c][j], 2) }.reduce(0, +) }
            if (d[0] < d[1] ? 0 : 1) == Int(ey[i]) { correct += 1 }
        }
        let accuracy = Double(correct) / Double(test.count)
        #expect(accuracy > 0.6 && accuracy < 0.97, "nearest-mean accuracy \(accuracy)")
    }

    @Test func irisIsFishersData() throws {
        let iris = try make("iris")
        #expect(iris.featureNames == ["sepal_length", "sepal_width", "petal_length", "petal_width"])
        #expect(iris.targetNames == ["species"])
        #expect(iris.classNames == ["setosa", "versicolor", "virginica"])
        #expect(counts(iris.y.scalars) == [0: 50, 1: 50, 2: 50])
        expectTensor(try iris.head(1).x, shape: [1, 4], [5.1, 3.5, 1.4, 0.2])
        // Column means from scikit-learn's load_iris().data.mean(axis=0).
        let x = iris.x.scalars
        let means = (0..<4).map { j in (0..<150).map { Double(x[4 * $0 + j]) }.reduce(0, +) / 150 }
        for (mean, expected) in zip(means, [5.843333, 3.057333, 3.758, 1.199333]) { #expect(abs(mean - expected) < 1e-5) }
    }

    @Test func embeddedIrisIsTheShippedCSV() throws {
        let file = try String(contentsOf: repositoryRoot.appendingPathComponent("data/iris.csv"), encoding: .utf8)
        #expect(DatasetGenerator.irisCSV == file)
        let loaded = try CSVLoader.load(repositoryRoot.appendingPathComponent("data/iris.csv").path)
        let builtIn = try make("iris")
        #expect(loaded.x.isIdentical(to: builtIn.x) && loaded.y.isIdentical(to: builtIn.y))
    }

    @Test func unknownNamesListTheGenerators() {
        #expect(throws: DataError.unknownGenerator(name: "moon", valid: DatasetGenerator.names, suggestion: "moons")) {
            try make("moon")
        }
        #expect(throws: DataError.unknownGenerator(name: "banana", valid: DatasetGenerator.names, suggestion: nil)) {
            try make("banana")
        }
        #expect(DataError.unknownGenerator(name: "moon", valid: ["xor", "moons"], suggestion: "moons").description
                == "no dataset named \"moon\"; the generators are xor, moons — did you mean \"moons\"?")
    }

    @Test func optionsAGeneratorDoesNotTake() {
        #expect(throws: DataError.unsupportedOption(generator: "moons", option: "features", accepted: ["n", "noise"])) {
            try make("moons", features: 3)
        }
        #expect(throws: DataError.unsupportedOption(generator: "linear", option: "classes",
                                                    accepted: ["n", "noise", "features"])) {
            try make("linear", classes: 3)
        }
        #expect(throws: DataError.unsupportedOption(generator: "iris", option: "n", accepted: [])) { try make("iris", n: 10) }
        #expect(DataError.unsupportedOption(generator: "iris", option: "n", accepted: []).description
                == "iris does not take n=; it takes no options")
    }

    @Test func optionsOutOfRange() {
        let rows = "a whole number from 1 to \(DatasetGenerator.maximumRows)"
        #expect(throws: DataError.invalidOption(generator: "xor", option: "n", value: "0", allowed: rows)) { try make("xor", n: 0) }
        #expect(throws: DataError.invalidOption(generator: "xor", option: "n", value: "10000001", allowed: rows)) {
            try make("xor", n: 10_000_001)
        }
        #expect(throws: DataError.invalidOption(generator: "moons", option: "noise", value: "-0.1",
                                                allowed: "a number from 0.0 to 10.0")) { try make("moons", noise: -0.1) }
        #expect(throws: DataError.self) { try make("moons", noise: .nan) }
        #expect(throws: DataError.invalidOption(generator: "classification", option: "noise", value: "1.5",
                                                allowed: "a number from 0.0 to 1.0")) { try make("classification", noise: 1.5) }
        #expect(throws: DataError.invalidOption(generator: "blobs", option: "features", value: "0",
                                                allowed: "a whole number from 1 to 1000")) { try make("blobs", features: 0) }
        #expect(throws: DataError.invalidOption(generator: "spirals", option: "classes", value: "1",
                                                allowed: "a whole number from 2 to 10")) { try make("spirals", classes: 1) }
        #expect(throws: DataError.invalidOption(generator: "classification", option: "classes", value: "40",
                                                allowed: "at most 32 with features=10 (more features allow more classes)")) {
            try make("classification", classes: 40)
        }
        #expect(DataError.invalidOption(generator: "xor", option: "n", value: "0", allowed: "a whole number from 1 to 9").description
                == "xor: n=0 is out of range; n must be a whole number from 1 to 9")
    }

    /// 10⁷ × 1000 floats (40 GB) is refused before anything is allocated — on any machine whose
    /// limit (a quarter of its memory) is below that; the limit is global, so it is not lowered here.
    @Test(.enabled(if: TensorAllocationLimit.elements < DatasetGenerator.maximumRows * 1000))
    func aWideDatasetHitsTheAllocationLimit() {
        #expect(throws: DataError.tensor(.tooLarge(shape: [DatasetGenerator.maximumRows, 1000],
                                                   limit: TensorAllocationLimit.elements))) {
            try make("blobs", n: DatasetGenerator.maximumRows, features: 1000)
        }
    }
}
