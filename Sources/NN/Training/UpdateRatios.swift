extension Sequential {
    /// The last step's ‖Δθ‖/‖θ‖ for each param in `namedParameters` order (for `grads`): nil
    /// for a param the optimizer does not step (a normalisation's moving statistics) and for
    /// every param before the first step.
    public var updateRatiosByParameter: [Double?] {
        Sequential.pairUpdateRatios(lastUpdateRatios, trainable: trainableFlags)
    }

    /// `ratios`, one per trainable param in order, spread over all params: the k-th trainable
    /// param gets `ratios[k]`, the others nil.
    static func pairUpdateRatios(_ ratios: [Double]?, trainable: [Bool]) -> [Double?] {
        var next = 0
        return trainable.map { trains in
            guard trains, let ratios else { return nil }
            defer { next += 1 }
            return next < ratios.count ? ratios[next] : nil
        }
    }
}
