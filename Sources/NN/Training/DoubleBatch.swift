/// A batch of activations in Float64 for the loss twin of `gradcheck model data`: `rows`
/// samples of `sampleShape` each (`[f]` for rows of features, `[c, h, w]` for images), the
/// values row-major as a tensor `[rows] + sampleShape` holds them.
struct DoubleBatch {
    var values: [Double]
    let rows: Int
    var sampleShape: [Int]

    /// The number of values in one sample.
    var sampleSize: Int { sampleShape.reduce(1, *) }

    /// The size of the last axis: what dense layers, softmax and layer normalization act over.
    var width: Int { sampleShape.last ?? 1 }

    /// The number of vectors along the last axis in the whole batch (rows · sampleSize / width).
    var lines: Int { values.count / Swift.max(width, 1) }

    /// The same samples with another per-sample shape and new values (`rows` is kept).
    func with(_ values: [Double], sampleShape: [Int]) -> DoubleBatch {
        DoubleBatch(values: values, rows: rows, sampleShape: sampleShape)
    }
}
