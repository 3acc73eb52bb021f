import Foundation
import Testing
import Autodiff
@testable import Workbench

/// `batchnorm`, `layernorm` and `embedding` as functions of tensors in the language.
struct NormalizationBuiltinTests {
    /// Columns of [[1, 2], [3, 6]]: means 2 and 4, biased variances 1 and 4, so with γ = 1, β = 0
    /// the outputs are ±1/√(1 + ε) and ±2/√(4 + ε).
    @Test func batchnormOnTensors() throws {
        let s = RecordingSession()
        s.output("y = batchnorm([[1, 2], [3, 6]], [1, 1], [0, 0])")
        let eps = 0.001
        let a = Float(1 / (1 + eps).squareRoot()), b = Float(2 / (4 + eps).squareRoot())
        let y = try #require(s.tensor("y"))
        #expect(y.shape == [2, 2])
        for (got, want) in zip(y.scalars, [-a, -b, a, b]) { #expect(abs(got - want) < 1e-6) }
        s.output("z = batchnorm([[1, 2], [3, 6]], [2, 2], [1, 1], eps=0.5)")
        let z = try #require(s.tensor("z")).scalars
        #expect(abs(z[0] - Float(1 - 2 / 1.5.squareRoot())) < 1e-6)
    }

    @Test func layernormAndEmbeddingOnTensors() throws {
        let s = RecordingSession()
        // Row [1, 2, 3]: mean 2, biased variance 2/3.
        s.output("y = layernorm([[1, 2, 3]], [1, 1, 1], [0, 0, 0], eps=0.001)")
        let r = Float(1 / (2.0 / 3 + 0.001).squareRoot())
        let y = try #require(s.tensor("y")).scalars
        for (got, want) in zip(y, [-r, 0, r]) { #expect(abs(got - want) < 1e-6) }
        s.output("e = embedding([[0, 2], [1, 1]], [[1, 0], [0, 1], [5, 5]])")
        let e = try #require(s.tensor("e"))
        #expect(e.shape == [2, 2, 2] && e.scalars == [1, 0, 5, 5, 0, 1, 0, 1])
    }

    @Test func gradientsFlowThroughTheLanguage() throws {
        let s = RecordingSession()
        s.output("""
            W = param([[1, 0], [0, 1], [5, 5]])
            L = sum(embedding([[0, 2], [2, 2]], W))
            backward L
            """)
        #expect(s.session.workspace["W"]?.tensor?.grad?.scalars == [1, 1, 0, 0, 3, 3])
    }

    @Test func mistakesAreErrorsWithTheShapes() {
        let s = RecordingSession()
        #expect(s.error("batchnorm([[1, 2]], [1, 1], [0, 0])").contains("1 value per channel"))
        #expect(s.error("batchnorm([[1, 2], [3, 4]], [1], [0, 0])").contains("gamma has shape [1]"))
        #expect(s.error("embedding([[0, 3]], [[1, 0], [0, 1], [5, 5]])").contains("index 3.0 at row 0, position 1"))
        #expect(s.error("layernorm([[1, 2]], [1, 1], [0, 0], eps=-1)").contains("eps must be"))
        // The layer forms' options belong to the layer, not to the function on tensors.
        let option = s.error("batchnorm([[1, 2], [3, 4]], [1, 1], [0, 0], momentum=0.9)")
        #expect(option.contains("layer form") && option.contains("batchnorm(x, gamma, beta, eps=0.001)"), "\(option)")
        #expect(s.error("embedding([[0, 1]], [[1, 0], [0, 1]], input=2)").contains("layer form"))
    }

    @Test func helpAndExplain() {
        let s = RecordingSession()
        for name in ["batchnorm", "layernorm", "embedding"] {
            #expect(s.output("help \(name)").contains("\(name)("), "help \(name)")
            let text = s.output("explain \(name)")
            #expect(text.contains("forward:") && text.contains("derivative:"), "explain \(name)")
        }
        #expect(s.output("explain batchnorm").contains("∂L/∂γ_c = Σ δ·x̂"))
        #expect(s.output("explain embedding").contains("[n, length, dim]"))
    }
}
