import Foundation
import Testing
@testable import Autodiff
@testable import NN
@testable import Workbench

/// `chain loss model[k].gamma` and `.beta` for batchnorm and layernorm layers: the recurrence
/// down to the layer, ∂L/∂γ = Σ δ ⊙ x̂ and ∂L/∂β = Σ δ with what they sum over, checked against
/// autodiff; and lines holding x̂ or ĝ print whole.
struct NormRecurrenceTests {
    private func trainedModel() -> RecordingSession {
        let s = RecordingSession()
        s.output("""
            x = reshape(cos(arange(0, 216) * 0.53) * 2 + 0.3, 6, 1, 6, 6)
            images = dataset(x, [0, 1, 2, 2, 1, 0])
            m = sequential(conv2d(2, 3, input=[1, 6, 6]), batchnorm(), relu, maxpool2d(2), flatten(), dense(4), layernorm(), dense(3, softmax))
            compile m optimizer=sgd loss=cross_entropy
            train_step m batch(images, 6)
            """)
        return s
    }

    private func node(_ s: RecordingSession, scope: String) throws -> Node {
        let loss = try #require(s.session.lastLoss?.node)
        return try #require(Tensor.topologicalOrder(from: loss).first { $0.scope == scope && $0.inputs.count == 3 })
    }

    /// x̂ and Σ δ ⊙ x̂ per group of values sharing a γ, written here from the definitions:
    /// `group(k)` is the γ of flat element k, `statistics(k)` the set whose mean and variance
    /// normalize it.
    private func sums(_ n: Node, group: (Int) -> Int, statistics: (Int) -> Int, parameters: Int) throws -> (gamma: [Double], beta: [Double]) {
        let x = n.inputs[0].scalars.map(Double.init), d = try #require(n.grad).scalars.map(Double.init)
        let eps = 0.001
        var members: [Int: [Int]] = [:]
        for k in x.indices { members[statistics(k), default: []].append(k) }
        var xhat = [Double](repeating: 0, count: x.count)
        for (_, ks) in members {
            let mean = ks.map { x[$0] }.reduce(0, +) / Double(ks.count)
            let variance = ks.map { (x[$0] - mean) * (x[$0] - mean) }.reduce(0, +) / Double(ks.count)
            for k in ks { xhat[k] = (x[k] - mean) / (variance + eps).squareRoot() }
        }
        var gamma = [Double](repeating: 0, count: parameters), beta = gamma
        for k in x.indices {
            gamma[group(k)] += d[k] * xhat[k]
            beta[group(k)] += d[k]
        }
        return (gamma, beta)
    }

    @Test func batchnormGammaAndBetaOverEachChannel() throws {
        let s = trainedModel()
        let chain = s.output("chain loss m[1].gamma")
        for row in [
            "backprop through the layers down to batchnorm_0 (δ(v) = ∂L/∂v, each value named by its layer):",
            "δ(relu_0) = δ(maxpool2d_0) at each 2×2 window's max, 0 elsewhere  [6×2×2×2] → [6×2×4×4]",
            "δ(batchnorm_0) = δ(relu_0) ⊙ relu′(batchnorm_0)",
            "x̂ = (conv2d_0 − μ)/√(σ² + ε), with the batch's μ, σ² of each channel (ε = 0.0010)  [6×2×4×4]",
            "∂L/∂batchnorm_0.gamma = Σ over the n·h·w values of each channel of δ(batchnorm_0) ⊙ x̂  [6×2×4×4] → [2]",
            "that sum taken here from δ(batchnorm_0) and x̂ of conv2d_0 vs autodiff ∂L/∂batchnorm_0.gamma [2]: agree to float32 rounding ✓",
        ] { #expect(chain.contains(row), "\(row)\n---\n\(chain)") }
        let beta = s.output("chain loss m[1].beta")
        #expect(beta.contains("∂L/∂batchnorm_0.beta = Σ over the n·h·w values of each channel of δ(batchnorm_0)  [6×2×4×4] → [2]"), "\(beta)")
        #expect(beta.contains("vs autodiff ∂L/∂batchnorm_0.beta [2]: agree to float32 rounding ✓"), "\(beta)")

        // Channel c of [6, 2, 4, 4] holds the elements whose index / 16 is c modulo 2.
        let bn = try node(s, scope: "batchnorm_0")
        let channel = { (k: Int) in (k / 16) % 2 }
        let (gamma, betaSums) = try sums(bn, group: channel, statistics: channel, parameters: 2)
        let autodiffGamma = try #require(bn.inputs[1].grad).scalars, autodiffBeta = try #require(bn.inputs[2].grad).scalars
        for c in 0..<2 {
            #expect(abs(gamma[c] - Double(autodiffGamma[c])) < 1e-5, "γ[\(c)]: \(gamma[c]) vs \(autodiffGamma[c])")
            #expect(abs(betaSums[c] - Double(autodiffBeta[c])) < 1e-5, "β[\(c)]")
        }
        #expect(autodiffGamma.contains { abs($0) > 1e-3 }, "a gradient of zeros would check nothing")
    }

    @Test func layernormGammaOverTheRows() throws {
        let s = trainedModel()
        let chain = s.output("chain loss m[6].gamma")
        for row in [
            "δ(layernorm_0) = δ(z₁) · dense_1.Wᵀ",
            "x̂ = (z₀ − μ)/√(σ² + ε), with each row's own μ, σ² (ε = 0.0010)  [6×4]",
            "∂L/∂layernorm_0.gamma = Σ over the rows (every axis but the last) of δ(layernorm_0) ⊙ x̂  [6×4] → [4]",
            "vs autodiff ∂L/∂layernorm_0.gamma [4]: agree to float32 rounding ✓",
        ] { #expect(chain.contains(row), "\(row)\n---\n\(chain)") }
        // Rows of [6, 4]: element k is row k / 4, position k % 4.
        let ln = try node(s, scope: "layernorm_0")
        let (gamma, beta) = try sums(ln, group: { $0 % 4 }, statistics: { $0 / 4 }, parameters: 4)
        let autodiffGamma = try #require(ln.inputs[1].grad).scalars, autodiffBeta = try #require(ln.inputs[2].grad).scalars
        for j in 0..<4 {
            #expect(abs(gamma[j] - Double(autodiffGamma[j])) < 1e-5, "γ[\(j)]")
            #expect(abs(beta[j] - Double(autodiffBeta[j])) < 1e-5, "β[\(j)]")
        }
    }

    /// Through a normalization the row is its op's rule, printed whole: the line of ĝ used to
    /// be cut where its UTF-16 length passed the column width.
    @Test func rulesWithCombiningAccentsPrintWhole() {
        let s = trainedModel()
        let chain = s.output("chain loss m[0].W")
        #expect(chain.contains("∂L/∂z₀ = 1/(d·σ)·(d·ĝ − Σĝ − x̂·Σĝ·x̂) per row, ĝ = γ ⊙ δ(layernorm_0)  [6×4]"), "\(chain)")
        #expect(chain.contains("x̂·Σδ(batchnorm_0)·x̂) per channel  [6×2×4×4] → [6×2×4×4]"), "\(chain)")
        #expect(chain.contains("vs autodiff ∂L/∂conv2d_0.W [2×1×3×3]: agree to float32 rounding ✓"), "\(chain)")
    }

    /// A wrong stored gradient shows as ✗.
    @Test func aWrongGammaGradientIsCaught() throws {
        let s = trainedModel()
        let gamma = try node(s, scope: "batchnorm_0").inputs[1]
        gamma.setGrad(Tensor([0.25, -0.25]))
        let chain = s.output("chain loss m[1].gamma")
        #expect(chain.contains("vs autodiff ∂L/∂batchnorm_0.gamma [2]: max |Δ|"), "\(chain)")
        #expect(chain.hasSuffix("✗"), "\(chain)")
    }
}

/// `chain loss model[0].W` for an embedding: δ gathered back into the rows the indices name.
struct EmbeddingRecurrenceTests {
    @Test func embeddingRowsGatherDelta() throws {
        let s = RecordingSession()
        s.output("""
            tokens = dataset([[0, 2, 2], [3, 0, 1], [2, 2, 2], [1, 3, 0]], [0, 1, 1, 0])
            m = sequential(embedding(5, 2, input=3), flatten(), dense(2, softmax))
            compile m optimizer=sgd loss=cross_entropy
            train_step m batch(tokens, 4)
            """)
        let chain = s.output("chain loss m[0].W")
        for row in [
            "δ(embedding_0) = δ(flatten_0) reshaped back (flatten moves no value)  [4×6] → [4×3×2]",
            "∂L/∂embedding_0.W[r] = Σ of δ(embedding_0) over the 12 positions of x that hold r (0 for a row none holds)  [4×3×2] → [5×2]",
            "that sum taken here row by row from δ(embedding_0) and x vs autodiff ∂L/∂embedding_0.W [5×2]: agree to float32 rounding ✓",
        ] { #expect(chain.contains(row), "\(row)\n---\n\(chain)") }

        // Row 4 is named by no index: its gradient is 0; row 2 is named five times.
        let loss = try #require(s.session.lastLoss?.node)
        let lookup = try #require(Tensor.topologicalOrder(from: loss).first { $0.op == .embedding })
        let delta = try #require(lookup.grad).scalars, grad = try #require(lookup.inputs[1].grad).scalars
        let indices = [0, 2, 2, 3, 0, 1, 2, 2, 2, 1, 3, 0]
        for r in 0..<5 {
            for j in 0..<2 {
                let sum = indices.indices.filter { indices[$0] == r }.reduce(0.0) { $0 + Double(delta[$1 * 2 + j]) }
                #expect(abs(sum - Double(grad[r * 2 + j])) < 1e-6, "row \(r), column \(j)")
            }
        }
        #expect(grad[8] == 0 && grad[9] == 0)
        #expect(grad[4] != 0)
    }
}
