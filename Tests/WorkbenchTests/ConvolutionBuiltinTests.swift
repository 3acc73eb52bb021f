import Testing
@testable import Autodiff
@testable import Workbench

/// conv2d, maxpool2d, avgpool2d and flatten through the language: values worked out by hand,
/// gradients, options, and mistakes as diagnostics.
struct ConvolutionBuiltinTests {
    @Test func conv2dWithSamePaddingAndBias() throws {
        let s = RecordingSession()
        s.output("y = conv2d(ones(1, 1, 4, 4), ones(1, 1, 2, 2), [0.5], padding=same)")
        // A 2×2 window of ones sums 4 ones inside, 2 along the padded bottom row and right
        // column, 1 at the bottom-right corner; plus 0.5.
        let y = try #require(s.tensor("y"))
        #expect(y.shape == [1, 1, 4, 4])
        #expect(y.scalars == [4.5, 4.5, 4.5, 2.5, 4.5, 4.5, 4.5, 2.5, 4.5, 4.5, 4.5, 2.5, 2.5, 2.5, 2.5, 1.5])
        s.output("z = conv2d(ones(2, 3, 5, 5), ones(4, 3, 3, 3), stride=2, padding=1)")
        #expect(s.tensor("z")?.shape == [2, 4, 3, 3])
        #expect(s.tensor("z")?.scalars.first == 12)  // the corner window holds 2×2 of 3×3 taps, times 3 channels
    }

    @Test func gradientsFlowThroughTheBuiltins() throws {
        let s = RecordingSession()
        s.output("""
            x = param(ones(1, 1, 3, 3))
            W = param(ones(1, 1, 2, 2))
            L = sum(conv2d(x, W))
            backward L
            """)
        // ∂L/∂x counts the windows that cover each pixel; ∂L/∂W sums each tap's patch (4 ones).
        #expect(s.session.workspace["x"]?.tensor?.grad?.scalars == [1, 2, 1, 2, 4, 2, 1, 2, 1])
        #expect(s.session.workspace["W"]?.tensor?.grad?.scalars == [4, 4, 4, 4])
        s.output("""
            p = param(reshape(arange(16), 1, 1, 4, 4))
            M = sum(maxpool2d(p, 2)) + sum(avgpool2d(p, 2, stride=2))
            backward M
            """)
        // Each window's max is its bottom-right element (1 + 0.25); the other three get 0.25.
        let g = try #require(s.session.workspace["p"]?.tensor?.grad?.scalars)
        #expect(g == [0.25, 0.25, 0.25, 0.25, 0.25, 1.25, 0.25, 1.25, 0.25, 0.25, 0.25, 0.25, 0.25, 1.25, 0.25, 1.25])
    }

    @Test func poolingAndFlattenValues() {
        let s = RecordingSession()
        s.output("x = reshape(arange(16), 1, 1, 4, 4)")
        s.output("m = maxpool2d(x, 2)")
        #expect(s.tensor("m")?.scalars == [5, 7, 13, 15])
        s.output("a = avgpool2d(x, 2)")
        #expect(s.tensor("a")?.scalars == [2.5, 4.5, 10.5, 12.5])
        s.output("o = maxpool2d(x, 3, stride=1)")
        #expect(s.tensor("o")?.scalars == [10, 11, 14, 15])
        s.output("f = flatten(zeros(2, 3, 4, 4))")
        #expect(s.tensor("f")?.shape == [2, 48])
    }

    @Test func mistakesAreDiagnostics() {
        let s = RecordingSession()
        let channels = s.error("conv2d(ones(1, 3, 8, 8), ones(4, 2, 3, 3))")
        #expect(channels.contains("conv2d of input [1, 3, 8, 8] with kernel [4, 2, 3, 3]: the kernel has 2 input channels, the input 3"))
        #expect(channels.contains("hint: W's second size is the input's channels: W of shape [4, 3, 3, 3]"))
        let large = s.error("conv2d(ones(1, 1, 2, 2), ones(1, 1, 3, 3))")
        #expect(large.contains("the kernel's height (3) is larger than the input's (2)"))
        #expect(large.contains("hint: use a smaller kernel, or pad the input (padding=)"))
        #expect(s.error("conv2d(ones(1, 1, 4, 4), ones(1, 1, 3, 3), padding=valid)").contains("must be a whole number or same, got valid"))
        #expect(s.error("conv2d(ones(1, 1, 4, 4), ones(1, 1, 3, 3), stride=0)").contains("must be at least 1, got 0"))
        #expect(s.error("conv2d(ones(1, 1, 4, 4), ones(1, 1, 3, 3), stride=2, padding=same)").contains("padding=same is defined for stride 1 only"))
        #expect(s.error("maxpool2d(ones(1, 1, 2, 2), 3)").contains("the window's height (3) is larger than the input's (2)"))
        #expect(s.error("maxpool2d(ones(4, 4), 2)").contains("maxpool2d expects images [n, channels, height, width], got shape [4, 4]"))
        // A number first is the layer form (ConvLayerCommandTests); layer options refuse the op.
        #expect(s.error("maxpool2d(ones(1, 1, 4, 4), 2, input=[1, 4, 4])").contains("input is an option of the layer form"))
    }

    @Test func chainAndGradcheckKnowConvolution() {
        let s = RecordingSession()
        s.output("""
            x = param(randn(1, 1, 4, 4, seed=1))
            W = param(randn(2, 1, 2, 2, seed=2))
            L = sum(maxpool2d(relu(conv2d(x, W, padding=1)), 2))
            backward L
            """)
        let chain = s.output("chain L W")
        #expect(chain.contains("∂L/∂W = Σ over positions of δ(x ⋆ W) ⊗ patch of x  [2×1×2×2]"))
        #expect(chain.contains("at each window's (first) max of relu(x ⋆ W), 0 elsewhere  [1×2×5×5]"))
        #expect(chain.contains("agree to float32 rounding ✓"))
        let check = s.output("gradcheck L W x")  // replays the recorded graph at θ ± h
        #expect(check.contains("W (8 of 8)") && check.contains("x (16 of 16)"))
        #expect(!check.contains("✗"))
    }

    @Test func explainGivesTheRulesWithShapes() {
        let s = RecordingSession()
        let conv = s.output("explain conv2d")
        #expect(conv.contains("∂L/∂W = Σ over positions of δ ⊗ input patch"))
        #expect(conv.contains("∂L/∂x = the transposed convolution of δ with W"))
        #expect(conv.contains("[n,c,h,w]"))
        #expect(s.output("explain maxpool2d").contains("δ at each window's max"))
        #expect(s.output("explain avgpool2d").contains("δ/size²"))
    }
}
