import Foundation
import Testing
@testable import Autodiff

/// The engine: closed forms, shared values, repeated and accumulated backward, deep graphs.
struct BackwardTests {
    /// The tour of docs/language.md: L = (σ(w·x + b) − y)², with the chain rule done by hand.
    @Test func singleNeuronMatchesHandDerivation() throws {
        let w = Tensor(0.5).param(), b = Tensor(0.1).param()
        let x: Float = 2, y: Float = 1
        let z = try w * x + b
        let a = z.sigmoid()
        let l = try Tensor.pow(a - y, 2)
        try l.backward()
        let av = 1 / (1 + Foundation.exp(-(0.5 * 2 + 0.1) as Float))
        let dLdz = 2 * (av - y) * av * (1 - av)
        expectClose(w.grad!.scalars, [dLdz * x])
        expectClose(b.grad!.scalars, [dLdz])
        // Intermediate gradients are kept for inspection.
        expectClose(a.grad!.scalars, [2 * (av - y)])
        expectClose(z.grad!.scalars, [dLdz])
    }

    /// A value used on two paths gets the sum: L = w·w·3 + w → dL/dw = 6w + 1.
    @Test func twoPathsAreSummed() throws {
        let w = Tensor(1.5).param()
        let l = try w * w * 3 + w
        try l.backward()
        expectClose(w.grad!.scalars, [6 * 1.5 + 1])
    }

    /// y feeds consumers at three depths (y·y, (y·y)·y, and the final +): the engine must not
    /// process y until all of them have contributed. L = y³ + y with y = 2w: ∂L/∂w = (3y² + 1)·2.
    @Test func valueSharedByConsumersAtDifferentDepths() throws {
        let w = Tensor(0.75).param()
        let y = try w * 2
        let l = try y * y * y + y
        try l.backward()
        let yv: Float = 1.5
        expectClose(w.grad!.scalars, [(3 * yv * yv + 1) * 2])
        expectClose(y.grad!.scalars, [3 * yv * yv + 1])
    }

    @Test func repeatedBackwardGivesTheSameResultAndAccumulateAdds() throws {
        let w = randomTensor([3], seed: 1).param()
        let l = try (w.tanh() * w).sum()
        try l.backward(keepGraph: true)
        let first = w.grad!.scalars
        try l.backward(keepGraph: true)
        #expect(w.grad!.scalars == first)
        try l.backward(accumulate: true, keepGraph: true)
        expectClose(w.grad!.scalars, first.map { 2 * $0 })
    }

    @Test func releasedGraphCannotBeReused() throws {
        let w = Tensor(2).param()
        let l = try w * w
        try l.backward()
        #expect(throws: TensorError.self) { try l.backward() }
    }

    /// A graph recorded after a release can still reach a released node through an older value:
    /// the check must look, and must throw before changing any gradient.
    @Test func olderValueWithReleasedGraphIsCaught() throws {
        let w = Tensor(2).param()
        let x = try w * w
        let a = try x * 3                      // recorded before x's graph is released
        try x.backward()                       // releases x's node
        expectClose(w.grad!.scalars, [4])
        let l = try a * 5                      // recorded after the release, reaches x through a
        #expect(throws: TensorError.self) { try l.backward() }
        expectClose(w.grad!.scalars, [4])      // untouched by the failed backward
        #expect(l.grad == nil && a.grad == nil)
    }

    /// Graphs recorded after the last release take the shortcut (no search for released
    /// nodes); a backward through one after another release still looks and still works.
    @Test func freshGraphsAfterReleasesDifferentiate() throws {
        let w = Tensor(0.5).param()
        for step in 1...3 {
            let l = try (w * Float(step)).tanh()
            try l.backward()
            let t = tanhf(0.5 * Float(step))
            expectClose(w.grad!.scalars, [Float(step) * (1 - t * t)])
        }
    }

    /// A value that the loss reaches but that receives no gradient gets zeros, and so does
    /// everything behind it — including a param whose gradient from an earlier backward would
    /// otherwise be left standing. (No built-in op withholds a gradient from an input that
    /// needs one, so the test defines one: a + b whose pullback passes nothing to b.)
    @Test func reachableValuesWithoutContributionGetZeros() throws {
        func addBlockingB(_ a: Tensor, _ b: Tensor) throws -> Tensor {
            Tensor.record(.add, inputs: [a, b], output: try a.detached + b.detached) { g, _ in [g, nil] }
        }
        let w = Tensor([1, 2]).param(), v = Tensor([3, 4]).param()
        try (w * w).sum().backward()
        expectClose(w.grad!.scalars, [2, 4])
        let blocked = try w * 3
        let l = try addBlockingB(v * 2, blocked).sum()
        try l.backward()
        #expect(blocked.grad?.scalars == [0, 0])
        #expect(w.grad?.scalars == [0, 0])
        #expect(v.grad?.scalars == [2, 2])
    }

    /// A pullback that fails halfway: the error comes out as it is, the nodes still waiting are
    /// let go (LeakSanitizer watches this in `make test-sanitize`), and later graphs differentiate.
    @Test func failingPullbackStopsBackwardCleanly() throws {
        func refusing(_ x: Tensor) -> Tensor {
            Tensor.record(.negate, inputs: [x], output: -x.detached) { _, _ throws(TensorError) in
                throw .invalidArgument("this pullback refuses")
            }
        }
        let w = Tensor(3).param()
        let l = try refusing(w * w) + w * 2   // the add and w·2 are processed before the refusal
        #expect(throws: TensorError.invalidArgument("this pullback refuses")) { try l.backward() }
        let fresh = try w * w
        try fresh.backward()
        expectClose(w.grad!.scalars, [6])
    }

    @Test func nonScalarNeedsSeed() throws {
        let w = randomTensor([2, 2], seed: 3).param()
        let y = try w * 2
        #expect(throws: TensorError.nonScalarBackward(shape: [2, 2])) { try y.backward() }
        try y.backward(seed: try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]))
        expectClose(w.grad!.scalars, [2, 4, 6, 8])
        #expect(throws: TensorError.gradientShapeMismatch(expected: [2, 2], got: [3])) {
            try y.backward(seed: Tensor([1, 2, 3]))
        }
    }

    @Test func constantsHaveNoGraph() throws {
        let x = Tensor(3)
        #expect(throws: TensorError.self) { try (x * x).backward() }
        #expect((try x * x).node == nil)
    }

    /// softmax + cross-entropy: ∂L/∂z = (softmax(z) − onehot(y))/n.
    @Test func crossEntropyGradientIsPMinusY() throws {
        let z = randomTensor([3, 4], seed: 4).param()
        let classes = Tensor([1, 3, 0])
        try Losses.crossEntropy(z, classes).backward()
        var expected = try z.detached.softmax().scalars
        for (i, c) in [1, 3, 0].enumerated() { expected[i * 4 + c] -= 1 }
        expectClose(z.grad!.scalars, expected.map { $0 / 3 })
    }

    /// mse: ∂L/∂p = 2(p − t)/n, and a [n] target against a [n, 1] prediction is not broadcast.
    @Test func mseClosedFormAndTargetAlignment() throws {
        let p = try Tensor(shape: [3, 1], scalars: [1, 2, 3]).param()
        let t = Tensor([0, 2, 5])
        let l = try Losses.mse(p, t)
        expectClose(l.scalars, [(1 + 0 + 4) / 3])
        try l.backward()
        expectClose(p.grad!.scalars, [2 * 1 / 3, 0, 2 * -2 / 3])
        #expect(throws: TensorError.self) { try Losses.mse(p, Tensor([1, 2])) }
    }

    /// A two-layer MLP against the backprop equations written out by hand:
    /// z₁ = xW₁ + b₁, h = relu(z₁), p = hW₂ + b₂, L = mean((p − y)²);
    /// δ₂ = 2(p − y)/n, ∂W₂ = hᵀδ₂, ∂b₂ = Σδ₂, δ₁ = (δ₂W₂ᵀ) ⊙ relu′(z₁), ∂W₁ = xᵀδ₁, ∂b₁ = Σδ₁.
    @Test func twoLayerMLPMatchesBackpropEquations() throws {
        let x = randomTensor([5, 3], seed: 10), y = randomTensor([5, 1], seed: 11)
        let w1 = randomTensor([3, 4], seed: 12).param(), b1 = randomTensor([4], seed: 13).param()
        let w2 = randomTensor([4, 1], seed: 14).param(), b2 = randomTensor([1], seed: 15).param()
        let z1 = try Tensor.matmul(x, w1) + b1
        let h = z1.relu()
        let p = try Tensor.matmul(h, w2) + b2
        try Losses.mse(p, y).backward()

        // The same equations with naive loops.
        let n = 5
        func at(_ t: Tensor, _ i: Int, _ j: Int) -> Float { t.scalars[i * t.shape[1] + j] }
        var delta2 = [Float](repeating: 0, count: n)
        for i in 0..<n { delta2[i] = 2 * (at(p, i, 0) - at(y, i, 0)) / Float(n) }
        var dW2 = [Float](repeating: 0, count: 4)
        for j in 0..<4 { for i in 0..<n { dW2[j] += at(h, i, j) * delta2[i] } }
        var delta1 = [Float](repeating: 0, count: n * 4)
        for i in 0..<n { for j in 0..<4 {
            delta1[i * 4 + j] = delta2[i] * w2.scalars[j] * (at(z1, i, j) > 0 ? 1 : 0)
        } }
        var dW1 = [Float](repeating: 0, count: 12), db1 = [Float](repeating: 0, count: 4)
        for k in 0..<3 { for j in 0..<4 { for i in 0..<n { dW1[k * 4 + j] += at(x, i, k) * delta1[i * 4 + j] } } }
        for j in 0..<4 { for i in 0..<n { db1[j] += delta1[i * 4 + j] } }

        expectClose(w2.grad!.scalars, dW2, tolerance: 1e-5)
        expectClose(b2.grad!.scalars, [delta2.reduce(0, +)], tolerance: 1e-5)
        expectClose(w1.grad!.scalars, dW1, tolerance: 1e-5)
        expectClose(b1.grad!.scalars, db1, tolerance: 1e-5)
    }

    /// A chain a million nodes deep: backward and teardown are iterative, so neither overflows.
    @Test func millionNodeChain() throws {
        let w = Tensor(1).param()
        var y = w
        for _ in 0..<1_000_000 { y = try y * 1.0 }
        try y.backward()
        #expect(w.grad?.scalars == [1])
    }

    /// The same depth kept whole (keepGraph), then dropped, and one never differentiated:
    /// `Node.deinit` takes such chains apart in a loop rather than by recursion.
    @Test func millionNodeChainsAreTornDownWithoutBackward() throws {
        let w = Tensor(1).param()
        do {
            var y = w
            for _ in 0..<1_000_000 { y = try y + 0 }
            try y.backward(keepGraph: true)
            #expect(w.grad?.scalars == [1])
        }
        do {
            var y = w
            for _ in 0..<1_000_000 { y = try y * 1.0 }
            #expect(y.node != nil)
        }
    }

    @Test func gradientsOfParamsOffTheGraphAreUntouched() throws {
        let u = Tensor(2).param(), v = Tensor(3).param()
        try (u * u).backward()
        #expect(v.grad == nil)
        expectClose(u.grad!.scalars, [4])
    }
}
