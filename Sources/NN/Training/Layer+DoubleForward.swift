extension Layer {
    /// The layer on a Float64 batch before its `outputActivation`, with its params given as
    /// Float64 values in `namedParameters` order: the loss twin's counterpart of
    /// `forwardLogits`, one plain-loop function per kind. It is the training loss: batchnorm
    /// normalizes with the batch's statistics. Dropout is the identity (gradcheck checks the
    /// loss without it, as the float32 side computes it).
    func doublePreActivation(_ x: DoubleBatch, parameters p: [[Double]]) throws(NNError) -> DoubleBatch {
        switch self {
        case .dense(let d):
            guard x.width == d.inputSize else {
                throw .layerShapeMismatch(layer: name, expected: [nil, d.inputSize], got: [nil] + x.sampleShape)
            }
            return d.doublePreActivation(x, weight: p[0], bias: d.useBias ? p[1] : nil)
        case .conv2d(let c):
            return try c.doublePreActivation(x, weight: p[0], bias: c.useBias ? p[1] : nil)
        case .pooling(let pool):
            return try pool.doubleForward(x)
        case .flatten:
            return x.with(x.values, sampleShape: [x.sampleSize])
        case .batchnorm(let b):
            return try b.doubleForward(x, gamma: p[0], beta: p[1])
        case .layernorm(let l):
            return try l.doubleForward(x, gamma: p[0], beta: p[1])
        case .embedding(let e):
            return try e.doubleForward(x, weight: p[0])
        case .dropout, .activation:
            return x
        }
    }
}
