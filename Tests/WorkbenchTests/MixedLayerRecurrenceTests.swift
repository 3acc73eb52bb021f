import Foundation
import Testing
@testable import Autodiff
@testable import NN
@testable import Workbench

/// A dense param with other kinds of layer above it (an activation layer, a normalization):
/// the dense-only recurrence δₖ = (δₖ₊₁·Wₖ₊₁ᵀ) ⊙ act′(zₖ) would leave their factors out, so
/// the layer-path recurrence writes it, every layer's factor in.
struct MixedLayerRecurrenceTests {
    @Test func denseUnderAnActivationLayerAndALayernorm() throws {
        let s = RecordingSession()
        s.output("""
            data = dataset("xor", n=8, seed=0)
            m = sequential(dense(4, input=2), relu, dense(3), layernorm(), dense(1, sigmoid))
            compile m optimizer=sgd loss=bce
            train_step m batch(data, 8)
            """)
        let chain = s.output("chain loss m[0].W")
        for row in [
            "backprop through the layers down to dense_0 (δ(v) = ∂L/∂v, each value named by its layer):",
            "δ(layernorm_0) = δ(z₂) · dense_2.Wᵀ       [8×1]·[1×3] → [8×3]",
            "δ(z₁) = 1/(d·σ)·(d·ĝ − Σĝ − x̂·Σĝ·x̂) per row, ĝ = γ ⊙ δ(layernorm_0)  [8×3] → [8×3]",
            "δ(relu_0) = δ(z₁) · dense_1.Wᵀ            [8×3]·[3×4] → [8×4]",
            "δ(z₀) = δ(relu_0) ⊙ relu′(z₀)             [8×4]",
            "∂L/∂dense_0.W = xᵀ · δ(z₀)                [2×8]·[8×4] → [2×4]",
            "that sum taken here entry by entry from x and δ(z₀) vs autodiff ∂L/∂dense_0.W [2×4]: agree to float32 rounding ✓",
        ] { #expect(chain.contains(row), "\(row)\n---\n\(chain)") }
        // What the dense-only recurrence printed here, without relu′ or the layernorm.
        #expect(!chain.contains("δ₀ = (δ₁ · W₁ᵀ)"), "\(chain)")

        // xᵀ · δ(z₀) by a loop here, δ(z₀) from the graph, against autodiff.
        let loss = try #require(s.session.lastLoss?.node)
        let product = try #require(Tensor.topologicalOrder(from: loss).first { $0.op == .matmul && $0.scope == "dense_0" })
        let x = product.inputs[0].scalars, d = try #require(product.grad).scalars
        let autodiff = try #require(product.inputs[1].grad).scalars
        for i in 0..<2 {
            for j in 0..<4 {
                let sum = (0..<8).reduce(0.0) { $0 + Double(x[$1 * 2 + i]) * Double(d[$1 * 4 + j]) }
                #expect(abs(sum - Double(autodiff[i * 4 + j])) < 1e-6, "W[\(i), \(j)]")
            }
        }
        let bias = s.output("chain loss m[0].b")
        #expect(bias.contains("∂L/∂dense_0.b = Σ over the 8 rows of δ(z₀)  [8×4] → [4]"), "\(bias)")
        #expect(bias.contains("vs autodiff ∂L/∂dense_0.b [4]: agree to float32 rounding ✓"), "\(bias)")
    }

    /// Only dense and dropout layers above: the dense recurrence, as before.
    @Test func denseOnlyModelsKeepTheirRecurrence() {
        let s = RecordingSession()
        s.output("""
            data = dataset("xor", n=8, seed=0)
            m = sequential(dense(4, relu, input=2), dense(1, sigmoid))
            compile m optimizer=sgd loss=bce
            train_step m batch(data, 8)
            """)
        let chain = s.output("chain loss m[0].W")
        #expect(chain.contains("backprop through the layers (δₖ = ∂L/∂zₖ, zₖ = aₖ₋₁·Wₖ + bₖ):"), "\(chain)")
        #expect(chain.contains("δ₀ = (δ₁ · W₁ᵀ) ⊙ relu′(z₀)"), "\(chain)")
        #expect(!chain.contains("down to"), "\(chain)")
    }
}

/// A local rule that is a sum or difference is grouped as a factor of ⊙.
struct ChainFactorGroupingTests {
    @Test func aDifferenceIsParenthesisedAsAFactor() {
        #expect(ChainReport.grouped("1 − tanh²(z₀)") == "(1 − tanh²(z₀))")
        #expect(ChainReport.grouped("Φ(x) + x·φ(x)") == "(Φ(x) + x·φ(x))")
        #expect(ChainReport.grouped("σ(z)(1 − σ(z))") == "σ(z)(1 − σ(z))")
        #expect(ChainReport.grouped("1 if x > 0 else −0.1") == "1 if x > 0 else −0.1")
        #expect(ChainReport.grouped("relu′(z₀)") == "relu′(z₀)")
        let s = RecordingSession()
        s.output("""
            data = dataset("xor", n=8, seed=0)
            m = sequential(dense(3, tanh, input=2), dense(1, sigmoid))
            compile m optimizer=sgd loss=bce
            train_step m batch(data, 8)
            """)
        let chain = s.output("chain loss m[0].W")
        #expect(chain.contains("∂L/∂z₀ = δ(a₀) ⊙ (1 − tanh²(z₀))"), "\(chain)")
    }
}
