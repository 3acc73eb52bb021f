import Foundation
import Testing
@testable import Autodiff
@testable import NN

/// Each optimizer's first steps against its documented update rule, recomputed here in Double
/// from the formulas (Keras 3's), independently of the implementation.
struct OptimizerTests {
    let theta0: [Double] = [0.5, -1.25, 2.0, 0.0, 3.5, -0.75, 1.0, 0.25, -2.5]  // 9: exercises the SIMD tail
    let gradients: [[Double]] = [
        [0.1, -0.2, 0.3, 0.0, -1.5, 0.25, 0.05, -0.05, 2.0],
        [-0.3, 0.1, 0.2, 0.4, -0.5, 0.5, 0.0, 1.0, -1.0],
        [0.05, 0.05, -0.1, 0.2, 0.3, -0.3, 0.7, -0.7, 0.01],
    ]

    func run(_ optimizer: Optimizer) -> [[Float]] {
        var opt = optimizer
        var params = [(try? Tensor(shape: [9], scalars: theta0.map(Float.init))) ?? Tensor(0)]
        var trajectory: [[Float]] = []
        for g in gradients {
            opt.step(&params, gradients: [Tensor(g.map(Float.init))])
            trajectory.append(params[0].scalars)
        }
        return trajectory
    }

    func expectTrajectory(_ actual: [[Float]], _ expected: [[Double]], sourceLocation: SourceLocation = #_sourceLocation) {
        for (step, (a, e)) in zip(actual, expected).enumerated() {
            for (i, (x, y)) in zip(a, e).enumerated() {
                #expect(Swift.abs(Double(x) - y) <= 2e-6 * (1 + Swift.abs(y)),
                        "step \(step + 1) element \(i): \(x) vs \(y)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func plainSGD() throws {
        var theta = theta0, expected: [[Double]] = []
        for g in gradients {
            for j in theta.indices { theta[j] -= 0.1 * g[j] }
            expected.append(theta)
        }
        expectTrajectory(run(try .sgd(lr: 0.1)), expected)
    }

    @Test func momentumAndNesterov() throws {
        for nesterov in [false, true] {
            var theta = theta0, m = [Double](repeating: 0, count: 9), expected: [[Double]] = []
            for g in gradients {
                for j in theta.indices {
                    m[j] = 0.9 * m[j] - 0.05 * g[j]
                    theta[j] += nesterov ? 0.9 * m[j] - 0.05 * g[j] : m[j]
                }
                expected.append(theta)
            }
            expectTrajectory(run(try .sgd(lr: 0.05, momentum: 0.9, nesterov: nesterov)), expected)
        }
    }

    /// Adam with bias correction: θ ← θ − α·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m/(√v + ε).
    @Test func adamWithBiasCorrection() throws {
        for decay in [0.0, 0.01] {
            var theta = theta0, m = [Double](repeating: 0, count: 9), v = m, expected: [[Double]] = []
            let lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7
            for (t, g) in gradients.enumerated() {
                let step = Double(t + 1)
                for j in theta.indices {
                    theta[j] -= theta[j] * lr * decay
                    m[j] = b1 * m[j] + (1 - b1) * g[j]
                    v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j]
                    let alpha = lr * (1 - pow(b2, step)).squareRoot() / (1 - pow(b1, step))
                    theta[j] -= alpha * m[j] / (v[j].squareRoot() + eps)
                }
                expected.append(theta)
            }
            let optimizer = decay == 0 ? try Optimizer.adam(lr: 0.01) : try Optimizer.adamw(lr: 0.01, weightDecay: 0.01)
            expectTrajectory(run(optimizer), expected)
        }
    }

    @Test func rmsprop() throws {
        var theta = theta0, v = [Double](repeating: 0, count: 9), expected: [[Double]] = []
        for g in gradients {
            for j in theta.indices {
                v[j] = 0.9 * v[j] + 0.1 * g[j] * g[j]
                theta[j] -= 0.01 * g[j] / (v[j] + 1e-7).squareRoot()
            }
            expected.append(theta)
        }
        expectTrajectory(run(try .rmsprop(lr: 0.01)), expected)
    }

    @Test func kerasDefaults() throws {
        let adam = try Optimizer.adam()
        #expect(adam.learningRate == 0.001)
        #expect(adam.kind == .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-7))
        #expect(try Optimizer.sgd().learningRate == 0.01)
        #expect(try Optimizer.rmsprop().kind == .rmsprop(rho: 0.9, epsilon: 1e-7))
    }

    @Test func invalidLearningRateIsRejected() {
        #expect(throws: NNError.self) { try Optimizer.adam(lr: -1) }
        #expect(throws: NNError.self) { try Optimizer.sgd(lr: .nan) }
    }
}
