import Foundation
import Testing
@testable import Autodiff

/// Batch normalization, layer normalization and embedding lookup: forward and backward against
/// Fixtures/norm_cases.json (an independent NumPy implementation, cross-checked with PyTorch by
/// Fixtures/make_norm_fixtures.py), and the errors for inputs they do not take. Their
/// finite-difference checks are with the other ops' in GradientCheckTests.
struct NormalizationOpsTests {
    // MARK: Against NumPy and PyTorch

    struct Encoded: Decodable {
        let shape: [Int]
        let data: [Float]
        var tensor: Tensor { (try? Tensor(shape: shape, scalars: data)) ?? Tensor(.nan) }
    }

    struct Case: Decodable {
        let op: String
        let eps: Float?
        let x, gamma, beta, indices, w: Encoded?
        let upstream, y: Encoded
        let mean, variance, dx, dgamma, dbeta, dw: Encoded?
    }

    static let cases: [Case] = {
        struct File: Decodable { let cases: [Case] }
        let url = fixturesDirectory.appendingPathComponent("norm_cases.json")
        guard let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.cases
    }()

    @Test func fixtureCoversEachOp() {
        #expect(Self.cases.filter { $0.op == "batchnorm" }.count == 5)
        #expect(Self.cases.filter { $0.op == "layernorm" }.count == 3)
        #expect(Self.cases.filter { $0.op == "embedding" }.count == 3)
    }

    @Test func forwardAndBackwardMatchTheFixtures() throws {
        for c in Self.cases {
            let label = "\(c.op) \(c.x?.shape ?? c.indices?.shape ?? [])"
            if c.op == "embedding" {
                let (indices, w) = (try #require(c.indices).tensor, try #require(c.w).tensor.param())
                let y = try Tensor.embedding(indices, w)
                expectTensor(y, shape: c.y.shape, c.y.data)
                try (y * c.upstream.tensor).sum().backward()
                expectClose(try #require(w.grad).scalars, try #require(c.dw).data, tolerance: 1e-5, label)
                continue
            }
            let x = try #require(c.x).tensor.param(), gamma = try #require(c.gamma).tensor.param()
            let beta = try #require(c.beta).tensor.param(), eps = try #require(c.eps)
            let y: Tensor
            if c.op == "batchnorm" {
                let result = try Tensor.batchNorm(x, gamma: gamma, beta: beta, eps: eps)
                y = result.output
                expectClose(result.mean.scalars, try #require(c.mean).data, tolerance: 1e-5, label + " mean")
                expectClose(result.variance.scalars, try #require(c.variance).data, tolerance: 1e-5, label + " variance")
                let perChannel = x.count / x.shape[1]
                #expect(result.count == perChannel, "\(label) count")
            } else {
                y = try Tensor.layerNorm(x, gamma: gamma, beta: beta, eps: eps)
            }
            expectClose(y.scalars, c.y.data, tolerance: 1e-5, label + " y")
            try (y * c.upstream.tensor).sum().backward()
            expectClose(try #require(x.grad).scalars, try #require(c.dx).data, tolerance: 1e-4, label + " dx")
            expectClose(try #require(gamma.grad).scalars, try #require(c.dgamma).data, tolerance: 1e-5, label + " dγ")
            expectClose(try #require(beta.grad).scalars, try #require(c.dbeta).data, tolerance: 1e-5, label + " dβ")
        }
    }

    /// The replay `gradcheck L p` uses recomputes the same values.
    @Test func replayRecomputesEachOp() throws {
        let w = randomTensor([4, 2], seed: 41).param(), gamma = Tensor([1, 2]).param(), beta = Tensor([0, 1]).param()
        let e = try Tensor.embedding(try Tensor(shape: [3, 2], scalars: [0, 3, 1, 1, 2, 0]), w)  // [3, 2, 2]
        let flat = try e.reshaped([6, 2])
        let l = try (Tensor.layerNorm(Tensor.batchNorm(flat, gamma: gamma, beta: beta, eps: 1e-3).output,
                                      gamma: gamma, beta: beta, eps: 1e-3) * flat).sum()
        let replayed = try l.replayed(with: [])
        expectClose(replayed.scalars, l.scalars, tolerance: 1e-6)
    }

    // MARK: What they do not take

    @Test func batchNormRejectsOneValuePerChannel() throws {
        // Batch statistics of one value are that value: x̂ would be 0 whatever x is (PyTorch refuses too).
        #expect(throws: TensorError.self) { try Tensor.batchNorm(Tensor(shape: [1, 3], repeating: 1), gamma: Tensor([1, 1, 1]), beta: Tensor([0, 0, 0]), eps: 1e-3) }
        #expect(throws: TensorError.self) { try Tensor.batchNorm(Tensor(shape: [1, 2, 1, 1], repeating: 1), gamma: Tensor([1, 1]), beta: Tensor([0, 0]), eps: 1e-3) }
        // n = 1 with several positions per channel is a batch of h·w values, and fine.
        _ = try Tensor.batchNorm(Tensor(shape: [1, 2, 2, 1], scalars: [1, 2, 3, 5]), gamma: Tensor([1, 1]), beta: Tensor([0, 0]), eps: 1e-3)
    }

    @Test func shapeAndEpsilonMistakesAreErrors() throws {
        let x = randomTensor([3, 4], seed: 1)
        func message(_ body: () throws(TensorError) -> Void) -> String {
            do { try body(); return "" } catch { return error.description }
        }
        #expect(message { () throws(TensorError) in _ = try Tensor.batchNorm(x, gamma: Tensor([1, 1, 1]), beta: Tensor([0, 0, 0, 0]), eps: 1e-3) }
            .contains("gamma has shape [3]; it needs one value per channel, shape [4]"))
        #expect(message { () throws(TensorError) in _ = try Tensor.batchNorm(randomTensor([2, 3, 4], seed: 1), gamma: Tensor([1]), beta: Tensor([0]), eps: 1e-3) }
            .contains("[n, channels, height, width]"))
        #expect(message { () throws(TensorError) in _ = try Tensor.layerNorm(x, gamma: Tensor([1, 1, 1, 1]), beta: Tensor([0, 0, 0]), eps: 1e-3) }
            .contains("beta has shape [3]; it needs one value per feature, shape [4]"))
        #expect(message { () throws(TensorError) in _ = try Tensor.layerNorm(x, gamma: Tensor([1, 1, 1, 1]), beta: Tensor([0, 0, 0, 0]), eps: 0) }
            .contains("eps must be a finite number > 0"))
        #expect(message { () throws(TensorError) in _ = try Tensor.layerNorm(Tensor(2), gamma: Tensor([1]), beta: Tensor([0]), eps: 1e-3) }.contains("layernorm expects"))
    }

    @Test func embeddingNamesTheRowAndValueOfABadIndex() throws {
        let w = randomTensor([5, 2], seed: 1)
        func message(_ indices: [Float], _ shape: [Int]) -> String {
            do { _ = try Tensor.embedding(try Tensor(shape: shape, scalars: indices), w); return "" } catch { return error.description }
        }
        #expect(message([0, 1, 2, 1.5], [2, 2]) == "embedding: index 1.5 at row 1, position 1 of indices is not a whole number from 0 to 4 (W has 5 rows)")
        #expect(message([0, 5, 2, 1], [2, 2]).contains("index 5.0 at row 0, position 1"))
        #expect(message([-1], [1, 1]).contains("index -1.0 at row 0, position 0"))
        #expect(message([.nan, 0], [1, 2]).contains("index nan at row 0"))
        #expect(throws: TensorError.self) { try Tensor.embedding(Tensor([0]), Tensor([1, 2])) }
    }
}
