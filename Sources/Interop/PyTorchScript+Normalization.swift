import NN

/// What the script adds for normalization and embedding layers: PyTorch's batch-norm momentum,
/// the note on how the exported batchnorm trains, and the check of an embedding's indices.
extension PyTorchScript {
    /// PyTorch's batch-norm momentum for a Keras one: PyTorch weighs the batch by its momentum,
    /// Keras the moving value (0.99 → 0.01), rounded to 12 decimals so 1 − 0.99 prints as 0.01.
    static func torchMomentum(_ keras: Double) -> Double {
        ((1 - keras) * 1e12).rounded() / 1e12
    }

    /// Checks a model's index inputs as gradbook does, for a model that starts with an embedding.
    var indexCheck: String {
        guard case .embedding? = architecture.layers.first else { return "" }
        return #"""
        def as_indices(x, vocab):
            """x as long indices, after gradbook's check: every value a whole number in 0..<vocab."""
            bad = (x < 0) | (x >= vocab)
            if x.is_floating_point():
                bad |= x != x.floor()
            if bad.any():
                k = int(bad.reshape(-1).nonzero()[0])
                raise SystemExit(f"row {k // x.shape[-1]}: {x.reshape(-1)[k].item()} is not an index in 0..<{vocab} (whole numbers only)")
            return x.long()



        """#
    }

    /// The comment above the layers of a model with batch normalization: how the exported
    /// layer relates to gradbook's, and what training here does to the moving statistics.
    var batchNormNote: [String] {
        guard architecture.layers.contains(where: { if case .batchnorm = $0 { true } else { false } }) else { return [] }
        return """
            # batchnorm: PyTorch's momentum is 1 − Keras's (gradbook's 0.99 is 0.01 here), eps is
            # gradbook's (PyTorch's default is 1e-5), and running_mean/running_var hold gradbook's
            # moving_mean/moving_var. In eval() (--predict) both use them, so the predictions are
            # gradbook's. In training both normalize by the batch's mean and biased variance and
            # move running_mean alike, but PyTorch moves running_var toward the batch's unbiased
            # variance (× m/(m − 1), m the values per channel in the batch), gradbook toward the
            # biased one: after training here the saved moving_var is slightly larger than
            # gradbook's would be. Under torchrun each process normalizes by its own batch.
            """.split(separator: "\n").map(String.init)
    }
}
