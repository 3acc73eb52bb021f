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

    /// Normalization and embedding layers: the training loss (batch statistics), so the
    /// moving statistics, which do not enter it, are left out and the note says so.
    @Test func gradcheckPassesForNormalizationAndEmbeddingLayers() {
        let s = RecordingSession()
        s.output("""
            d = dataset("digits")
            m = sequential(conv2d(3, 3, input=[1, 8, 8]), batchnorm(), relu, maxpool2d(2), flatten(), dense(8), batchnorm(), layernorm(), dense(10, activation=softmax))
            compile m optimizer=adam loss=cross_entropy
            """)
        let out = s.output("gradcheck m d")
        #expect(out.contains("moving statistics are not trained and not checked"), "\(out)")
        #expect(out.contains("batchnorm_0.gamma") && out.contains("batchnorm_1.beta") && out.contains("layernorm_0.gamma"), "\(out)")
        #expect(!out.contains("moving_mean") && !out.contains("moving_var"), "\(out)")
        #expect(out.contains("✓") && !out.contains("✗"), "\(out)")

        s.output("""
            words = dataset([[0, 3, 3, 6], [1, 2, 5, 0], [4, 4, 4, 2], [6, 5, 1, 1]], [1, 0, 1, 0])
            e = sequential(embedding(7, 3, input=4), layernorm(), flatten(), dense(2, activation=softmax))
            compile e optimizer=sgd loss=cross_entropy
            """)
        let embedded = s.output("gradcheck e words")
        #expect(embedded.contains("embedding_0.W (16 of 21)") && embedded.contains("✓") && !embedded.contains("✗"), "\(embedded)")
    }

    /// Ctrl-C during a model's check reports the positions checked and lists no param it did
    /// not reach (a param with nothing checked had no value to show).
    @Test func ctrlCDuringAModelCheckReportsWhatWasChecked() {
        final class Ctrl { var armed = false, checks = 0 }
        let ctrl = Ctrl()
        let s = RecordingSession(interruptRequested: {
            guard ctrl.armed else { return false }
            ctrl.checks += 1
            return ctrl.checks > 3
        })
        s.output("""
            m = sequential(conv2d(2, 3, activation=relu, input=[1, 5, 5]), flatten(), dense(2, activation=softmax))
            compile m optimizer=sgd loss=cross_entropy
            data = dataset(randn(4, 1, 5, 5, seed=1), [0, 1, 1, 0])
            """)
        ctrl.armed = true
        let out = s.output("gradcheck m data")
        #expect(out.contains("stopped by Ctrl-C") && out.contains("conv2d_0.W (3 of 18)"), "\(out)")
        #expect(!out.contains("conv2d_0.b") && !out.contains("dense_0"), "\(out)")
    }
}
