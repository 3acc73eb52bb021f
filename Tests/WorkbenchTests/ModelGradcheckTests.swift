import Testing
@testable import Workbench

/// `gradcheck model data` on models of images: the Float64 twin of the loss knows conv2d,
/// pooling and flatten, and real images (digits, with their zero borders) check cleanly.
struct ModelGradcheckTests {
    /// A CNN on the first 64 digits: conv at stride 1 with `same` and at stride 2 with
    /// padding 1, max and average pooling, flatten, dense. The digits' blank margins give
    /// all-zero patches, hence pre-activations of exactly 0 at relu (zero biases) and tied
    /// window maxima: kinks, judged by the side autodiff took.
    @Test func gradcheckPassesForACNNOnDigits() {
        let s = RecordingSession()
        s.output("""
            d = dataset("digits")
            m = sequential(conv2d(4, 3, padding=same, activation=relu, input=[1, 8, 8]), maxpool2d(2), conv2d(3, 3, stride=2, padding=1, activation=tanh), avgpool2d(2), flatten(), dense(10, activation=softmax))
            compile m optimizer=adam loss=cross_entropy
            """)
        let out = s.output("gradcheck m d")
        #expect(out.contains("differences of the loss in Float64 on the first 64 rows"), "\(out)")
        for name in ["conv2d_0.W", "conv2d_0.b", "conv2d_1.W", "conv2d_1.b", "dense_0.W", "dense_0.b"] {
            #expect(out.contains(name), "\(out)")
        }
        #expect(out.contains("✓") && !out.contains("✗"), "\(out)")
    }
}
