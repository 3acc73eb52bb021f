import Autodiff

extension DatasetGenerator {
    /// The separation of the clusters' centres: each informative coordinate of a centre is
    /// ±`classSeparation`. Calibrated with bench/calibrate_classification.py so that the seed
    /// model — Dense(128, relu) → Dense(128, relu) → Dense(1, sigmoid), Adam, 10 epochs at
    /// batch 32, trained on 10000 of n = 12000 rows with 10 features, scored on the other 2000 —
    /// scores about 94.5% (seeds 0–5: 94.9, 95.3, 94.3, 97.1, 93.6, 92.1%; scikit-learn's MLP
    /// standing in for it). Separation 1.0 gave 95.1% on average, 0.85 gave 93.8%, 0.7 92.4%;
    /// a linear model gets about 83%, so the hidden layers matter.
    static let classSeparation = 0.9
    /// At most this many informative features, whatever `features` is: the cost of the
    /// per-cluster mixing matrices grows with its square.
    static let maximumInformative = 32

    /// A synthetic classification task after scikit-learn's `make_classification`.
    ///
    /// With f features and k classes: `i = min(32, max(min(f, 2), ⌈f/2⌉))` informative features,
    /// `r = min(f − i, ⌊f/5⌋)` redundant ones and the rest noise (f = 10: 5, 2, 3). Two clusters
    /// per class (one when 2k > 2^i; k ≤ 2^i is required):
    /// 1. cluster centres: distinct random vertices of the hypercube `{−s, +s}^i`, s = 1.0;
    /// 2. the n rows split evenly over the clusters (the first n mod C one row more), cluster c
    ///    labelled c mod k; its rows are `z·A_c + centre_c` with `z ~ N(0, I_i)` and a random
    ///    mixing matrix `A_c = 2·U(0, 1)^{i×i} − 1` that gives each cluster its own covariance;
    /// 3. redundant features `x_inf·B`, `B = 2·U(0, 1)^{i×r} − 1` (linear combinations);
    /// 4. noise features `N(0, 1)`;
    /// 5. label noise: each row with probability `flip` gets a class drawn uniformly (so about
    ///    flip·(k − 1)/k of the labels change);
    /// 6. rows shuffled, then columns shuffled, so informative features are not the first ones.
    ///
    /// Shapes: `x` `[n, f]`, `y` `[n]` class indices.
    static func classification(
        n: Int, features f: Int, classes k: Int, flip: Double, using random: inout RandomGenerator
    ) throws(DataError) -> Dataset {
        try checkSize(n: n, features: f)
        let informative = Swift.min(maximumInformative, Swift.max(Swift.min(f, 2), (f + 1) / 2))
        let redundant = Swift.min(f - informative, f / 5)
        guard k <= 1 << informative else {
            throw .invalidOption(generator: "classification", option: "classes", value: "\(k)",
                                 allowed: "at most \(1 << informative) with features=\(f) (more features allow more classes)")
        }
        let perClass = 2 * k > 1 << informative ? 1 : 2
        let clusters = k * perClass
        let centres = hypercubeVertices(clusters, dimensions: informative, using: &random)

        var x = [Float](repeating: 0, count: n * f), y = [Float](repeating: 0, count: n)
        var z = (0..<n * informative).map { _ in Double(random.nextNormal()) }
        var start = 0
        for c in 0..<clusters {
            let rows = n / clusters + (c < n % clusters ? 1 : 0)
            let a = (0..<informative * informative).map { _ in 2 * random.nextDouble() - 1 }
            for row in start..<(start + rows) {
                y[row] = Float(c % k)
                let zRow = Array(z[(row * informative)..<((row + 1) * informative)])
                for j in 0..<informative {
                    var sum = centres[c][j] * classSeparation
                    for t in 0..<informative { sum += zRow[t] * a[t * informative + j] }
                    z[row * informative + j] = sum
                }
            }
            start += rows
        }
        let b = (0..<informative * redundant).map { _ in 2 * random.nextDouble() - 1 }
        for row in 0..<n {
            for j in 0..<informative { x[row * f + j] = Float(z[row * informative + j]) }
            for j in 0..<redundant {
                var sum = 0.0
                for t in 0..<informative { sum += z[row * informative + t] * b[t * redundant + j] }
                x[row * f + informative + j] = Float(sum)
            }
        }
        for row in 0..<n {
            for j in (informative + redundant)..<f { x[row * f + j] = random.nextNormal() }
        }
        for row in 0..<n where random.nextDouble() < flip { y[row] = Float(random.nextInt(below: k)) }
        shuffleRows(&x, &y, width: f, using: &random)
        shuffleColumns(&x, width: f, using: &random)
        return try dataset(x: x, y: y, features: f)
    }

    /// `count` distinct vertices of `{−1, +1}^dimensions`, drawn at random
    /// (count ≤ 2^dimensions, dimensions ≤ 32).
    private static func hypercubeVertices(_ count: Int, dimensions: Int, using random: inout RandomGenerator) -> [[Double]] {
        var seen = Set<UInt64>(), vertices: [[Double]] = []
        while vertices.count < count {
            let bits = random.next() & ((1 << UInt64(dimensions)) - 1)
            guard seen.insert(bits).inserted else { continue }
            vertices.append((0..<dimensions).map { bits >> UInt64($0) & 1 == 1 ? 1 : -1 })
        }
        return vertices
    }

    /// The columns of row-major `x` in a random order (Fisher–Yates over column indices).
    private static func shuffleColumns(_ x: inout [Float], width: Int, using random: inout RandomGenerator) {
        var order = Array(0..<width)
        random.shuffle(&order)
        let old = x
        for row in 0..<(x.count / Swift.max(width, 1)) {
            for (j, source) in order.enumerated() { x[row * width + j] = old[row * width + source] }
        }
    }
}
