extension NNError {
    /// How to fix data whose samples do not have the model's input shape, for a
    /// `dataShapeMismatch`: when the values per sample agree, the reshape that makes the
    /// samples fit (`flatten` for a model of rows); otherwise what one sample must be.
    public var dataShapeHint: String? {
        guard case let .dataShapeMismatch(expected, got) = self else { return nil }
        let sample = expected.dropFirst().compactMap { $0 }
        let size = sample.reduce(1, *)
        let dims = sample.map(String.init).joined(separator: ", ")
        guard let n = got.first else { return "the data must be a batch [n, \(dims)], one sample per row" }
        let gotSize = got.dropFirst().reduce(1, *)
        if got.reduce(1, *) == size { return "for one sample: reshape(x, 1, \(dims))" }
        if gotSize == size && got.count > 1 {
            if sample.count == 1 { return "flatten the samples: flatten(x) or reshape(x, \(n), \(size))" }
            return "reshape the samples: reshape(x, \(n), \(dims))"
        }
        return "each sample must be [\(dims)] (\(size) values); these have \(gotSize)"
    }
}
