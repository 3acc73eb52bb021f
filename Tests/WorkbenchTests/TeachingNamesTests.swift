import Foundation
import Testing
@testable import Autodiff
@testable import NN
@testable import Workbench

/// The names `chain`, `walk`, `trace` and `graph` print for a model's graph: the input is `x`,
/// the target `y`, a dropout mask `mₖ` (and its factor is in the layer recurrence); and what
/// they say when there is no gradient to show.
struct TeachingNamesTests {
    /// A model trained by `fit` on batches: the batch and its targets are no workspace
    /// variables, and were both printed as `x`.
    private func fittedModel(loss: String = "bce", last: String = "dense(1, sigmoid)") -> RecordingSession {
        let s = RecordingSession()
        s.output("""
            data = dataset("xor", n=8, seed=0)
            m = sequential(dense(4, relu, input=2), \(last))
            compile m optimizer=sgd loss=\(loss)
            fit m data epochs=1 batch=4
            """)
        return s
    }

    @Test func theTargetIsYAndTheInputIsX() {
        let s = fittedModel()
        let chain = s.output("chain loss m[0].W")
        #expect(chain.contains("∂L/∂z₁ = δ(L) ⊙ (σ(z₁) − y)/n"), "\(chain)")
        #expect(chain.contains("δ₁ = (σ(z₁) − y)/n"), "\(chain)")
        #expect(chain.contains("∂L/∂(x · dense_0.W) = δ(z₀)"), "\(chain)")
        #expect(chain.contains("∂L/∂dense_0.W = xᵀ · δ(x · dense_0.W)"), "\(chain)")
        #expect(!chain.contains("− x"), "\(chain)")
        let walk = s.output("walk loss")
        #expect(walk.contains("L = bce(σ(z₁), y)   [bce_logits]"), "\(walk)")
        #expect(walk.contains("local rule: xᵀ · δ"), "\(walk)")
        let trace = s.output("trace loss")
        #expect(trace.contains("bce(σ(z₁), y)"), "\(trace)")
        let graph = s.output("graph loss")
        #expect(graph.contains("L = bce(σ(z₁), y)"), "\(graph)")
        #expect(graph.contains("y  const [4×1]") || graph.contains("y  const [4]"), "\(graph)")
        #expect(graph.contains("x  const [4×2]"), "\(graph)")
    }

    /// A loss made of several ops (mse: mean of a square of a difference) names the target
    /// wherever it is consumed, not only in the loss's last op.
    @Test func aTargetInsideACompositeLossIsY() {
        let s = fittedModel(loss: "mse", last: "dense(1)")
        let chain = s.output("chain loss m[1].b")
        #expect(chain.contains("2(z₁ − y)/n"), "\(chain)")
        #expect(s.output("trace loss").contains("mean((z₁ − y)²)"))
    }

    /// The names of workspace values still win: a loss of the whole dataset says data.x, data.y.
    @Test func workspaceNamesComeFirst() {
        let s = RecordingSession()
        s.output("""
            data = dataset("xor", n=8, seed=0)
            m = sequential(dense(4, relu, input=2), dense(1, sigmoid))
            compile m optimizer=sgd loss=bce
            train_step m data
            """)
        let chain = s.output("chain loss m[0].W")
        #expect(chain.contains("(σ(z₁) − data.y)/n"), "\(chain)")
        #expect(chain.contains("data.xᵀ"), "\(chain)")
    }

    /// Dropout: the mask is `m₀` (not the input's name), its scale is printed, its factor is
    /// in the recurrence, and that recurrence — computed here by hand from the graph's own
    /// values — equals autodiff's gradient (and differs from it without the mask).
    @Test func dropoutMaskIsNamedAndInTheRecurrence() throws {
        let s = RecordingSession()
        s.output("""
            data = dataset("xor", n=8, seed=0)
            m = sequential(dense(6, relu, input=2), dropout(0.5), dense(1, sigmoid))
            compile m optimizer=sgd loss=bce
            train_step m data
            """)
        let chain = s.output("chain loss m[0].W")
        #expect(chain.contains("m₀ = dropout mask on a₀: 0 where dropped, 1/(1 − p) = 2.0000 where kept (p = 0.5000)"), "\(chain)")
        #expect(chain.contains("δ₀ = ((δ₁ · W₁ᵀ) ⊙ m₀) ⊙ relu′(z₀)"), "\(chain)")
        #expect(chain.contains("∂L/∂a₀ = δ(a₀ ⊙ m₀) ⊙ m₀"), "\(chain)")
        #expect(chain.contains("agree to float32 rounding ✓"), "\(chain)")
        #expect(!chain.contains("⊙ x"), "\(chain)")

        // The values the graph was built with: x, W₀, b₀, the mask, W₁, b₁; y from the data.
        let loss = try #require(s.session.lastLoss?.node)
        let order = Tensor.topologicalOrder(from: loss)
        let matmuls = order.filter { $0.op == .matmul }
        let adds = order.filter { $0.op == .add }
        let masking = try #require(order.first { $0.scope?.hasPrefix("dropout_") == true })
        let (x, w0, w1) = (matmuls[0].inputs[0].scalars, matmuls[0].inputs[1].scalars, matmuls[1].inputs[1].scalars)
        let (b0, b1) = (adds[0].inputs[1].scalars, adds[1].inputs[1].scalars)
        let mask = masking.inputs[1].scalars
        guard case .dataset(let data)? = s.session.workspace["data"] else { Issue.record("no data"); return }
        let y = data.y.scalars
        let autodiff = try #require(matmuls[0].inputs[1].node?.grad).scalars
        #expect(Set(mask).isSubset(of: [0, 2]) && mask.contains(0) && mask.contains(2))

        // δ₁ = (σ(z₁) − y)/n; δ₀ = ((δ₁ · W₁ᵀ) ⊙ m₀) ⊙ relu′(z₀); ∂L/∂W₀ = xᵀ · δ₀.
        func byHand(withMask: Bool) -> [Double] {
            let n = 8, h = 6
            var grad = [Double](repeating: 0, count: 2 * h)
            for r in 0..<n {
                var z0 = [Double](repeating: 0, count: h)
                var z1 = Double(b1[0])
                for j in 0..<h {
                    z0[j] = Double(b0[j]) + (0..<2).reduce(0) { $0 + Double(x[r * 2 + $1]) * Double(w0[$1 * h + j]) }
                    z1 += max(0, z0[j]) * Double(mask[r * h + j]) * Double(w1[j])
                }
                let d1 = (1 / (1 + exp(-z1)) - Double(y[r])) / Double(n)
                for j in 0..<h {
                    let d0 = d1 * Double(w1[j]) * (withMask ? Double(mask[r * h + j]) : 1) * (z0[j] > 0 ? 1 : 0)
                    for i in 0..<2 { grad[i * h + j] += Double(x[r * 2 + i]) * d0 }
                }
            }
            return grad
        }
        let withMask = byHand(withMask: true), without = byHand(withMask: false)
        for k in autodiff.indices { #expect(abs(withMask[k] - Double(autodiff[k])) < 1e-6, "element \(k)") }
        #expect(zip(without, autodiff).contains { abs($0 - Double($1)) > 1e-3 }, "the mask must matter in this example")
    }

    /// No gradient yet: say which backward is missing, not "again".
    @Test func noGradientSaysWhatIsMissing() {
        let s = RecordingSession()
        s.output("w = param(2)\nL = w * w")
        let walk = s.error("walk L")
        #expect(walk.contains("L has no gradients yet: backward L was not run"), "\(walk)")
        #expect(!walk.contains("again"), "\(walk)")
        let chain = s.output("chain L w")
        #expect(chain.contains("no gradient yet: backward L was not run"), "\(chain)")
        #expect(!chain.contains("again"))
        s.output("backward L")
        #expect(s.output("walk L").contains("step 1 of 1"))
    }

    /// `chain loss` on a model that was not trained since the last loss (another model's).
    @Test func chainLossOnAnUntrainedModelSaysSo() {
        let s = RecordingSession()
        s.output("""
            data = dataset("xor", n=8, seed=0)
            a = sequential(dense(1, sigmoid, input=2))
            b = sequential(dense(1, sigmoid, input=2))
            compile a optimizer=sgd loss=bce
            train_step a data
            """)
        let e = s.error("chain loss b[0].W")
        #expect(e.contains("does not depend on b[0].W: its model was not trained since"), "\(e)")
        #expect(e.contains("train that model first"), "\(e)")
        #expect(!e.contains("again"), "\(e)")
    }
}
