extension Sequential {
    /// Refuses, before any step, a fit whose batches would give a batchnorm one value per
    /// channel (a batch of one row of features): PyTorch refuses such a batch too, since its
    /// variance is 0 and the layer's output is β whatever the input.
    func checkBatchRows(rows n: Int, batch: Int) throws(NNError) {
        guard let layer = layers.first(where: { $0.fewestTrainingRows > 1 }) else { return }
        let smallest = n % batch == 0 ? batch : n % batch  // the last batch's rows
        guard smallest < layer.fewestTrainingRows else { return }
        let what = "\(layer.name) normalizes each feature over the rows of a training batch and needs 2 or more"
        guard n >= 2 else { throw .invalidOption(name: "batch", message: "\(what); the data has 1 row") }
        // The nearest batch size from the one asked for that leaves no batch of a single row.
        let better = (Swift.max(batch, 2)...n).first { n % $0 != 1 } ?? n
        throw .invalidOption(name: "batch", message: "\(what): \(n) rows in batches of \(batch) leave a batch of \(smallest) row"
            + (smallest == 1 ? "" : "s") + "; use batch=\(better)")
    }
}
