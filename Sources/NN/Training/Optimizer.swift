import Autodiff
import CVectorKernels

/// An optimizer and its state, updating params in place from their gradients.
///
/// The update rules are Keras 3's, written out per element (g the gradient, θ the param,
/// t the step count starting at 1):
/// - **sgd**: without momentum θ ← θ − α·g; with it m ← μ·m − α·g, then θ ← θ + m, or with
///   Nesterov θ ← θ + μ·m − α·g.
/// - **adam**: m ← m + (1 − β₁)(g − m), v ← v + (1 − β₂)(g² − v),
///   θ ← θ − α̂·m / (√v + ε) with α̂ = α·√(1 − β₂ᵗ)/(1 − β₁ᵗ) (bias correction folded into α).
/// - **adamw**: θ ← θ − α·λ·θ (decoupled weight decay), then the adam step.
/// - **rmsprop**: v ← ρ·v + (1 − ρ)·g², θ ← θ − α·g / √(v + ε).
public struct Optimizer: Sendable {
    public enum Kind: Sendable, Equatable {
        case sgd(momentum: Float, nesterov: Bool)
        case adam(beta1: Float, beta2: Float, epsilon: Float)
        case adamw(beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float)
        case rmsprop(rho: Float, epsilon: Float)
    }

    public let kind: Kind
    /// The rate the next step uses: the schedule's rate of the current epoch when there is one.
    public var learningRate: Float
    /// A rate that changes with the epoch, or nil for the fixed `learningRate`.
    public private(set) var schedule: LearningRateSchedule?
    /// Epochs trained so far, across fits: the e of the schedule.
    public private(set) var epochsTrained = 0
    /// Steps taken so far (Keras's `iterations`).
    public private(set) var steps = 0
    /// Per-param slots: momentum or first moment, and second moment (adam, rmsprop).
    private var first: [[Float]] = [], second: [[Float]] = []

    public init(_ kind: Kind, learningRate: Float) throws(NNError) {
        guard learningRate.isFinite, learningRate >= 0 else {
            throw .invalidOption(name: "lr", message: "the learning rate must be a finite number ≥ 0, got \(learningRate)")
        }
        self.kind = kind
        self.learningRate = learningRate
    }

    /// Keras's defaults (SPEC §7).
    public static func sgd(lr: Float = 0.01, momentum: Float = 0, nesterov: Bool = false) throws(NNError) -> Optimizer {
        try Optimizer(.sgd(momentum: momentum, nesterov: nesterov), learningRate: lr)
    }
    public static func adam(lr: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) throws(NNError) -> Optimizer {
        try Optimizer(.adam(beta1: beta1, beta2: beta2, epsilon: epsilon), learningRate: lr)
    }
    public static func adamw(lr: Float = 0.001, weightDecay: Float = 0.004, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) throws(NNError) -> Optimizer {
        try Optimizer(.adamw(beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay), learningRate: lr)
    }
    public static func rmsprop(lr: Float = 0.001, rho: Float = 0.9, epsilon: Float = 1e-7) throws(NNError) -> Optimizer {
        try Optimizer(.rmsprop(rho: rho, epsilon: epsilon), learningRate: lr)
    }

    /// The name people type (`adam`), for display.
    public var name: String {
        switch kind {
        case .sgd: "sgd"
        case .adam: "adam"
        case .adamw: "adamw"
        case .rmsprop: "rmsprop"
        }
    }

    /// Forgets the moments, the step and epoch counts (a fresh optimizer of the same settings).
    public mutating func reset() {
        steps = 0
        epochsTrained = 0
        first = []
        second = []
        if let schedule { learningRate = Float(schedule.rate(atEpoch: 0)) }
    }

    /// Follows `schedule` from the epoch this optimizer has reached.
    public mutating func follow(_ schedule: LearningRateSchedule) {
        self.schedule = schedule
        learningRate = Float(schedule.rate(atEpoch: epochsTrained))
    }

    /// Called by the training loop as an epoch starts: sets that epoch's rate.
    public mutating func beginEpoch() {
        if let schedule { learningRate = Float(schedule.rate(atEpoch: epochsTrained)) }
    }

    /// Called by the training loop when an epoch has completed (an interrupted one does not count).
    public mutating func endEpoch() {
        epochsTrained += 1
    }

    /// Applies one update to `params` given `gradients` of the same shapes (in place, so a
    /// param's storage is copied only if someone else still holds it).
    public mutating func step(_ params: inout [Tensor], gradients: [Tensor]) {
        if first.count != params.count {
            first = params.map { [Float](repeating: 0, count: $0.count) }
            second = params.map { [Float](repeating: 0, count: $0.count) }
        }
        steps += 1
        let lr = learningRate
        let t = Float(steps)
        for i in params.indices {
            let g = gradients[i]
            params[i].withUnsafeMutableBufferPointer { theta in
                g.withUnsafeBufferPointer { grad in
                    first[i].withUnsafeMutableBufferPointer { m in
                        second[i].withUnsafeMutableBufferPointer { v in
                            Optimizer.update(kind, lr: lr, t: t, theta: theta, grad: grad, m: m, v: v)
                        }
                    }
                }
            }
        }
    }

    /// One update rule over raw buffers (all of the same count).
    private static func update(
        _ kind: Kind, lr: Float, t: Float,
        theta: UnsafeMutableBufferPointer<Float>, grad: UnsafeBufferPointer<Float>,
        m: UnsafeMutableBufferPointer<Float>, v: UnsafeMutableBufferPointer<Float>
    ) {
        let n = theta.count
        switch kind {
        case let .sgd(momentum, nesterov):
            if momentum == 0 {
                for j in 0..<n { theta[j] -= lr * grad[j] }
            } else if nesterov {
                for j in 0..<n { m[j] = momentum * m[j] - lr * grad[j]; theta[j] += momentum * m[j] - lr * grad[j] }
            } else {
                for j in 0..<n { m[j] = momentum * m[j] - lr * grad[j]; theta[j] += m[j] }
            }
        case let .adam(beta1, beta2, epsilon):
            adamUpdate(lr: lr, t: t, beta1: beta1, beta2: beta2, epsilon: epsilon, theta: theta, grad: grad, m: m, v: v)
        case let .adamw(beta1, beta2, epsilon, weightDecay):
            let decay = 1 - lr * weightDecay
            for j in 0..<n { theta[j] *= decay }
            adamUpdate(lr: lr, t: t, beta1: beta1, beta2: beta2, epsilon: epsilon, theta: theta, grad: grad, m: m, v: v)
        case let .rmsprop(rho, epsilon):
            for j in 0..<n {
                v[j] = rho * v[j] + (1 - rho) * grad[j] * grad[j]
                theta[j] -= lr * grad[j] / (v[j] + epsilon).squareRoot()
            }
        }
    }

    @inline(__always)
    private static func adamUpdate(
        lr: Float, t: Float, beta1: Float, beta2: Float, epsilon: Float,
        theta: UnsafeMutableBufferPointer<Float>, grad: UnsafeBufferPointer<Float>,
        m: UnsafeMutableBufferPointer<Float>, v: UnsafeMutableBufferPointer<Float>
    ) {
        // Bias correction in Double: β₂ᵗ for t in the thousands is where float32 drifts.
        let b1t = 1 - pow(Double(beta1), Double(t)), b2t = 1 - pow(Double(beta2), Double(t))
        let alpha = Float(Double(lr) * b2t.squareRoot() / b1t)
        guard let tp = theta.baseAddress, let gp = grad.baseAddress,
              let mp = m.baseAddress, let vp = v.baseAddress else { return }
        // A C loop the compiler vectorises per instruction set: Swift cannot tell it the four
        // buffers are distinct, and its scalar sqrt/div loop cost 5× more than the matmuls.
        gb_adam_update(tp, gp, mp, vp, theta.count, 1 - beta1, 1 - beta2, alpha, epsilon)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
