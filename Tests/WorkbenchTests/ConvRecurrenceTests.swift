import Foundation
import Testing
@testable import Autodiff
@testable import NN
@testable import Workbench

/// `chain loss model[k].W` for a conv2d layer's params: the recurrence from the loss down to
/// the layer (dense, flatten, pooling, a later convolution, activations), each row with its
/// shapes, and the Σ over positions of δ ⊗ patch summed position by position against autodiff;
/// `walk` and `graph` name each value of a conv model by its layer.
struct ConvRecurrenceTests {
    /// Eight 1×6×6 images with fixed pixels (one batch cut from them: `x`, not a workspace name), and a model with every layer the recurrence
    /// crosses: a convolution with its own relu, max pooling, a strided padded convolution,
    /// an activation layer, average pooling, flatten, dense.
    private func trainedCNN(conv0: String = "conv2d(2, 3, activation=relu, input=[1, 6, 6])") -> RecordingSession {
        let s = RecordingSession()
        s.output("""
            x = reshape(sin(arange(0, 288) * 0.37) + 0.2, 8, 1, 6, 6)
            images = dataset(x, [0, 1, 2, 0, 1, 2, 0, 1])
            m = sequential(\(conv0), maxpool2d(2), conv2d(3, 2, stride=2, padding=1), relu, avgpool2d(2), flatten(), dense(3, softmax))
            compile m optimizer=sgd loss=cross_entropy
            train_step m batch(images, 8)
            """)
        return s
    }

    /// The graph of the last loss: its nodes inputs first, and the convolution of layer `k`.
    private func convolution(_ s: RecordingSession, _ k: Int) throws -> Node {
        let loss = try #require(s.session.lastLoss?.node)
        let convs = Tensor.topologicalOrder(from: loss).filter { if case .conv2d = $0.op { return true } else { return false } }
        return try #require(convs.first { $0.scope == "conv2d_\(k)" })
    }

    /// Σ over s, i, j of δ[s, o, i, j] · x[s, c, i·stride + u − pad, j·stride + v − pad], written
    /// here from the definition of cross-correlation, apart from the code under test.
    private func kernelGradient(_ conv: Node) -> [Double] {
        guard case .conv2d(let stride, let padding) = conv.op, let delta = conv.grad else { return [] }
        let pad: Int
        switch padding { case .zeros(let p): pad = p; case .same: pad = (conv.inputs[1].shape[2] - 1) / 2 }
        let x = conv.inputs[0], w = conv.inputs[1], d = delta.scalars, xs = x.scalars
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (f, k) = (w.shape[0], w.shape[2])
        let (oh, ow) = (delta.shape[2], delta.shape[3])
        var g = [Double](repeating: 0, count: w.count)
        for s in 0..<n { for o in 0..<f { for i in 0..<oh { for j in 0..<ow { for ch in 0..<c { for u in 0..<k { for v in 0..<k {
            let (r, q) = (i * stride + u - pad, j * stride + v - pad)
            if r < 0 || r >= h || q < 0 || q >= wd { continue }
            g[((o * c + ch) * k + u) * k + v] += Double(d[((s * f + o) * oh + i) * ow + j]) * Double(xs[((s * c + ch) * h + r) * wd + q])
        } } } } } } }
        return g
    }

    @Test func theFirstConvolutionsKernelThroughEveryLayer() throws {
        let s = trainedCNN()
        let chain = s.output("chain loss m[0].W")
        let rows = [
            "backprop through the layers down to conv2d_0.z (δ(v) = ∂L/∂v, each value named by its layer):",
            "δ(z₀) = (softmax(z₀) − onehot(y))/n",
            "δ(flatten_0) = δ(z₀) · dense_0.Wᵀ",
            "δ(avgpool2d_0) = δ(flatten_0) reshaped back (flatten moves no value)  [8×3] → [8×3×1×1]",
            "δ(relu_0) = δ(avgpool2d_0)/4 to every element of its 2×2 window  [8×3×1×1] → [8×3×2×2]",
            "δ(conv2d_1) = δ(relu_0) ⊙ relu′(conv2d_1)",
            "δ(maxpool2d_0) = δ(conv2d_1) ⋆ᵀ conv2d_1.W  (the transposed convolution)  [8×3×2×2] ⋆ᵀ [3×2×2×2] → [8×2×2×2]",
            "δ(conv2d_0) = δ(maxpool2d_0) at each 2×2 window's max, 0 elsewhere  [8×2×2×2] → [8×2×4×4]",
            "δ(conv2d_0.z) = δ(conv2d_0) ⊙ relu′(conv2d_0.z)",
            "∂L/∂conv2d_0.W = Σ over the 8·4·4 positions of δ(conv2d_0.z) ⊗ the 1×3×3 patch of x under it  [8×2×4×4] ⊗ patches [1×3×3] → [2×1×3×3]",
            "that sum taken here position by position from δ(conv2d_0.z) and x vs autodiff ∂L/∂conv2d_0.W [2×1×3×3]: agree to float32 rounding ✓",
        ]
        for row in rows { #expect(chain.contains(row), "\(row)\n---\n\(chain)") }
        // In this order, from the loss down.
        let positions = rows.compactMap { chain.range(of: $0)?.lowerBound }
        #expect(positions == positions.sorted())

        // The sum the check takes, and a loop written here, both equal autodiff's gradient.
        let conv = try convolution(s, 0)
        let autodiff = try #require(conv.inputs[1].grad).scalars
        let loop = kernelGradient(conv)
        let delta = try #require(conv.grad)
        let summed = try #require(ConvGradientByPositions.kernel(delta: delta, input: conv.inputs[0],
                                                                kernelShape: conv.inputs[1].shape, stride: 1, padding: .zeros(0)))
        #expect(autodiff.count == 18 && loop.count == 18)
        for k in autodiff.indices {
            #expect(abs(loop[k] - Double(autodiff[k])) < 1e-6, "element \(k): loop \(loop[k]), autodiff \(autodiff[k])")
            #expect(abs(summed[k] - loop[k]) < 1e-9, "element \(k)")
        }
        #expect(autodiff.contains { abs($0) > 1e-3 }, "a gradient of zeros would check nothing")
    }

    /// A later convolution (stride 2, padding 1): its input is the pooled output, and the
    /// loop over positions honours the stride and the zero border.
    @Test func aStridedPaddedConvolutionsKernelAndBias() throws {
        let s = trainedCNN()
        let chain = s.output("chain loss m[2].W")
        #expect(chain.contains("∂L/∂conv2d_1.W = Σ over the 8·2·2 positions of δ(conv2d_1) ⊗ the 2×2×2 patch of maxpool2d_0 under it"), "\(chain)")
        #expect(chain.contains("position by position from δ(conv2d_1) and maxpool2d_0 vs autodiff ∂L/∂conv2d_1.W [3×2×2×2]: agree to float32 rounding ✓"), "\(chain)")
        #expect(!chain.contains("δ(conv2d_0"), "the recurrence stops at the param's layer")
        let conv = try convolution(s, 1)
        let autodiff = try #require(conv.inputs[1].grad).scalars
        let loop = kernelGradient(conv)
        for k in autodiff.indices { #expect(abs(loop[k] - Double(autodiff[k])) < 1e-6, "element \(k)") }

        let bias = s.output("chain loss m[2].b")
        #expect(bias.contains("∂L/∂conv2d_1.b = Σ of δ(conv2d_1) over n, h′, w′  [8×3×2×2] → [3]"), "\(bias)")
        #expect(bias.contains("that sum taken here from δ(conv2d_1) vs autodiff ∂L/∂conv2d_1.b [3]: agree to float32 rounding ✓"), "\(bias)")
        let delta = try #require(conv.grad).scalars
        let b = try #require(conv.inputs[2].grad).scalars
        for o in 0..<3 {
            var sum = 0.0
            for s in 0..<8 { for p in 0..<4 { sum += Double(delta[(s * 3 + o) * 4 + p]) } }
            #expect(abs(sum - Double(b[o])) < 1e-6, "filter \(o)")
        }
    }

    /// The check compares with autodiff's stored gradient: a wrong one shows as ✗ with the gap.
    @Test func aWrongAutodiffGradientIsCaught() throws {
        let s = trainedCNN(conv0: "conv2d(2, 3, padding=same, input=[1, 6, 6])")
        let conv = try convolution(s, 0)
        let w = conv.inputs[1]
        let right = try #require(w.grad)
        w.setGrad(try right + 0.5)
        let chain = s.output("chain loss m[0].W")
        #expect(chain.contains("vs autodiff ∂L/∂conv2d_0.W [2×1×3×3]: max |Δ| = 0.5000 ✗"), "\(chain)")
        // Without an activation of its own, the layer's output is the convolution itself.
        #expect(chain.contains("δ(conv2d_0) = δ(maxpool2d_0) at each 2×2 window's max, 0 elsewhere  [8×2×3×3] → [8×2×6×6]"), "\(chain)")
        #expect(!chain.contains("conv2d_0.z"), "\(chain)")
    }

    /// walk, graph and trace call each value by its layer, and the batch x.
    @Test func walkAndGraphNameEachNodeByItsLayer() {
        let s = trainedCNN()
        let walk = s.output("walk loss")
        for step in ["conv2d_0.z = x ⋆ conv2d_0.W + conv2d_0.b   [conv2d]", "conv2d_0 = relu(conv2d_0.z)   [relu]",
                     "maxpool2d_0 = maxpool2×2(conv2d_0)   [maxpool2d]", "conv2d_1 = maxpool2d_0 ⋆ conv2d_1.W + conv2d_1.b   [conv2d]",
                     "relu_0 = relu(conv2d_1)   [relu]", "avgpool2d_0 = avgpool2×2(relu_0)   [avgpool2d]",
                     "flatten_0 = reshape(avgpool2d_0)   [reshape]", "z₀ = flatten_0 · dense_0.W + dense_0.b   [add]"] {
            #expect(walk.contains(step), "\(step)\n---\n\(walk)")
        }
        #expect(!walk.contains("t₁") && !walk.contains("c["), "\(walk)")
        let graph = s.output("graph loss")
        #expect(graph.contains("x  const [8×1×6×6]"), "\(graph)")
        #expect(graph.contains("─ maxpool2d_0 = maxpool2×2(conv2d_0)"), "\(graph)")
        #expect(graph.contains("─ flatten_0 = reshape(avgpool2d_0)"), "\(graph)")
        #expect(!graph.contains("t₁"), "\(graph)")
    }
}

/// Dropout after a pooling layer: its mask and its output are named by the dropout layer
/// (a dense layer's mask stays `mₖ`), and its factor is in the recurrence.
struct ConvDropoutNamesTests {
    @Test func aMaskAfterPoolingIsNamedByItsLayer() throws {
        let s = RecordingSession()
        s.output("""
            x = reshape(sin(arange(0, 288) * 0.37) + 0.2, 8, 1, 6, 6)
            images = dataset(x, [0, 1, 2, 0, 1, 2, 0, 1])
            m = sequential(conv2d(2, 3, activation=relu, input=[1, 6, 6]), maxpool2d(2), dropout(0.5), flatten(), dense(3, softmax))
            compile m optimizer=sgd loss=cross_entropy
            train_step m batch(images, 8)
            """)
        let chain = s.output("chain loss m[0].W")
        #expect(chain.contains("δ(maxpool2d_0) = δ(dropout_0) ⊙ dropout_0.mask  [8×2×2×2]"), "\(chain)")
        #expect(chain.contains("δ(dropout_0) = δ(flatten_0) reshaped back"), "\(chain)")
        #expect(chain.contains("agree to float32 rounding ✓") && !chain.contains("✗"), "\(chain)")
        #expect(!chain.contains("mₓ"), "\(chain)")
        let walk = s.output("walk loss")
        #expect(walk.contains("dropout_0 = maxpool2d_0 ⊙ dropout_0.mask   [multiply]"), "\(walk)")
    }
}
