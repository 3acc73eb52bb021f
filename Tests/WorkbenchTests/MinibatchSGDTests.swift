import Foundation
import Testing
@testable import Workbench

/// The hand-written mini-batch loop of the lesson `lesson_minibatch_sgd.grad`, checked
/// against an independent computation: the first step's loss and updated params, computed
/// here in Float64 from the same weights and rows with the derivatives written out
/// (tanh′ = 1 − tanh², and sigmoid with bce gives ∂L/∂z = (p − y)/n).
struct MinibatchSGDTests {
    @Test func theFirstStepMatchesAFloat64Computation() throws {
        let s = RecordingSession()
        s.output("""
            data = dataset("moons", n=320, noise=0.1, seed=0)
            train, test = split(data, 256, seed=1)
            seed 7
            model = sequential(dense(8, tanh, input=2), dense(1, sigmoid))
            compile model optimizer=sgd(lr=0.5) loss=bce
            b = batch(train, 32, index=0)
            bx = b.x
            by = b.y
            """)
        let x = try #require(s.tensor("bx")).scalars.map(Double.init)      // [32, 2]
        let y = try #require(s.tensor("by")).scalars.map(Double.init)      // [32]
        s.output("W0 = detach(model[0].W)\nb0 = detach(model[0].b)\nW1 = detach(model[1].W)\nb1 = detach(model[1].b)")
        let W0 = try #require(s.tensor("W0")).scalars.map(Double.init)    // [2, 8]
        let b0 = try #require(s.tensor("b0")).scalars.map(Double.init)    // [8]
        let W1 = try #require(s.tensor("W1")).scalars.map(Double.init)    // [8, 1]
        let b1 = try #require(s.tensor("b1")).scalars.map(Double.init)[0]
        let n = 32, h = 8, lr = 0.5

        // Forward: z₁ = x·W₀ + b₀, a = tanh z₁, p = σ(a·W₁ + b₁), L = mean bce.
        var a = [Double](repeating: 0, count: n * h), p = [Double](repeating: 0, count: n)
        var loss = 0.0
        for r in 0..<n {
            var z2 = b1
            for j in 0..<h {
                let z1 = x[r * 2] * W0[j] + x[r * 2 + 1] * W0[h + j] + b0[j]
                a[r * h + j] = Foundation.tanh(z1)
                z2 += a[r * h + j] * W1[j]
            }
            p[r] = 1 / (1 + Foundation.exp(-z2))
            loss -= (y[r] * Foundation.log(p[r]) + (1 - y[r]) * Foundation.log(1 - p[r])) / Double(n)
        }
        // Backward, then θ ← θ − α·∂L/∂θ.
        var dW0 = [Double](repeating: 0, count: 2 * h), db0 = [Double](repeating: 0, count: h)
        var dW1 = [Double](repeating: 0, count: h), db1 = 0.0
        for r in 0..<n {
            let dz2 = (p[r] - y[r]) / Double(n)
            db1 += dz2
            for j in 0..<h {
                dW1[j] += a[r * h + j] * dz2
                let dz1 = dz2 * W1[j] * (1 - a[r * h + j] * a[r * h + j])
                db0[j] += dz1
                dW0[j] += x[r * 2] * dz1
                dW0[h + j] += x[r * 2 + 1] * dz1
            }
        }

        s.output("L = loss(model, b)\nbackward L\nstep model lr=0.5 quiet")
        #expect(Swift.abs(Double(try #require(s.tensor("L")?.scalar)) - loss) < 1e-5)
        let close = { (name: String, expected: [Double]) throws in
            let got = try #require(s.tensor(name))
            for (g, e) in zip(got.scalars, expected) {
                #expect(Swift.abs(Double(g) - e) < 1e-5, "\(name): \(g) vs \(e)")
            }
        }
        s.output("W0n = detach(model[0].W)\nb0n = detach(model[0].b)\nW1n = detach(model[1].W)\nb1n = detach(model[1].b)")
        try close("W0n", zip(W0, dW0).map { $0 - lr * $1 })
        try close("b0n", zip(b0, db0).map { $0 - lr * $1 })
        try close("W1n", zip(W1, dW1).map { $0 - lr * $1 })
        try close("b1n", [b1 - lr * db1])
    }
}
