/// The options a person gave a generator, checked against what that generator takes and
/// completed with its defaults.
struct GeneratorOptions {
    let generator: String
    private let givenN: Int?, givenNoise: Double?, givenFeatures: Int?, givenClasses: Int?, givenFlat: Bool?
    /// The values to use, valid once `allow` has returned.
    private(set) var n = 0, noise = 0.0, features = 0, classes = 0, flat = false

    init(generator: String, n: Int?, noise: Double?, features: Int?, classes: Int?, flat: Bool? = nil) {
        self.generator = generator
        givenFlat = flat
        givenN = n
        givenNoise = noise
        givenFeatures = features
        givenClasses = classes
    }

    /// Declares the options this generator takes — a nil default means it takes no such option —
    /// then checks the given values: an option it does not take, or a value out of its range,
    /// is an error naming the option and what is allowed.
    mutating func allow(
        n defaultN: Int? = nil, noise defaultNoise: Double? = nil, noiseRange: ClosedRange<Double> = 0...10,
        features defaultFeatures: (Int, ClosedRange<Int>)? = nil,
        classes defaultClasses: (Int, ClosedRange<Int>)? = nil, flat defaultFlat: Bool? = nil
    ) throws(DataError) {
        let accepted = [("n", defaultN != nil), ("noise", defaultNoise != nil),
                        ("features", defaultFeatures != nil), ("classes", defaultClasses != nil), ("flat", defaultFlat != nil)]
            .filter(\.1).map(\.0)
        let given = [("n", givenN != nil), ("noise", givenNoise != nil),
                     ("features", givenFeatures != nil), ("classes", givenClasses != nil), ("flat", givenFlat != nil)]
        for (option, isGiven) in given where isGiven && !accepted.contains(option) {
            throw .unsupportedOption(generator: generator, option: option, accepted: accepted)
        }
        if let defaultN { n = try check("n", givenN ?? defaultN, 1...DatasetGenerator.maximumRows) }
        if let defaultNoise {
            noise = givenNoise ?? defaultNoise
            guard noiseRange.contains(noise) else {  // NaN is in no range
                throw .invalidOption(generator: generator, option: "noise", value: "\(noise)",
                                     allowed: "a number from \(noiseRange.lowerBound) to \(noiseRange.upperBound)")
            }
        }
        if let (value, range) = defaultFeatures { features = try check("features", givenFeatures ?? value, range) }
        if let (value, range) = defaultClasses { classes = try check("classes", givenClasses ?? value, range) }
        if let defaultFlat { flat = givenFlat ?? defaultFlat }
    }

    private func check(_ option: String, _ value: Int, _ range: ClosedRange<Int>) throws(DataError) -> Int {
        guard range.contains(value) else {
            throw .invalidOption(generator: generator, option: option, value: "\(value)",
                                 allowed: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
