import Testing
@testable import Autodiff

struct NonFiniteDiagnosisTests {
    @Test func expOverflowIsNamed() throws {
        let w = Tensor([1, 2]).param()
        let l = try (w * 100).exp().sum()
        let report = l.diagnoseNonFiniteForward()
        #expect(report?.op == "exp")
        #expect(report?.phase == .forward)
        #expect(report?.likelyCause.contains("exp overflow") == true)
    }

    @Test func logOfZeroIsNamed() throws {
        let w = Tensor([0, 1]).param()
        let l = try (w * w).log().sum()
        #expect(l.diagnoseNonFiniteForward()?.op == "log")
    }

    @Test func finiteGraphHasNoReport() throws {
        let w = Tensor([0.5]).param()
        let l = try (w * w).sum()
        #expect(l.diagnoseNonFiniteForward() == nil)
        try l.backward(keepGraph: true)
        #expect(l.diagnoseNonFiniteBackward() == nil)
    }

    /// √w at w = 0 is finite, but its derivative 1/(2√w) is not.
    @Test func infiniteLocalDerivativeIsNamedInBackward() throws {
        let w = Tensor([0, 4]).param()
        let l = try w.sqrt().sum()
        #expect(l.isFinite)
        try l.backward(keepGraph: true)
        let report = l.diagnoseNonFiniteBackward()
        #expect(report?.op == "sqrt")
        #expect(report?.phase == .backward)
    }
}
