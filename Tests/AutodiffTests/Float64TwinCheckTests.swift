import Foundation
import Testing
@testable import Autodiff

/// The check `gradcheck model data` uses (autodiff against central differences of a Float64
/// twin), on closed forms: smooth points, kinks judged by the branch taken, and a gradient that
/// is 0 in exact arithmetic but rounding in float32.
struct Float64TwinCheckTests {
    private func check(_ analytic: [[Float]], at values: [[Float]], _ loss: @escaping ([[Double]]) -> Double) throws -> [GradientCheck.Result] {
        var g = RandomGenerator(seed: 0)
        return try GradientCheck.check(analytic: analytic.map { Tensor($0) }, values: values.map { Tensor($0) },
                                       generator: &g) { v throws(TensorError) in loss(v) }
    }

    /// L = θ₀²·sin θ₁ with its exact gradient (2θ₀ sin θ₁, θ₀² cos θ₁): no kink, every element passes.
    @Test func aSmoothLossPasses() throws {
        let (a, b) = (0.7, -1.3)
        let grad = [Float(2 * a * sin(b)), Float(a * a * cos(b))]
        let r = try check([grad], at: [[Float(a), Float(b)]]) { v in v[0][0] * v[0][0] * sin(v[0][1]) }[0]
        #expect(r.passed && r.nonSmoothCount == 0, "\(r.verdicts)")
        let wrong = try check([[grad[0], grad[1] * 1.01]], at: [[Float(a), Float(b)]]) { v in v[0][0] * v[0][0] * sin(v[0][1]) }[0]
        #expect(!wrong.passed && wrong.worstIndex == 1)
    }

    /// L = max(θ₀, θ₁) at a tie (1, 1): the central difference is ½ for each, the one-sided ones
    /// 1 (up) and 0 (down). A branch, (1, 0) or (0, 1), passes as a kink; the mean (½, ½) fails.
    @Test func aKinkIsJudgedByTheBranchTaken() throws {
        let loss: ([[Double]]) -> Double = { v in max(v[0][0], v[0][1]) }
        for branch: [Float] in [[1, 0], [0, 1]] {
            let r = try check([branch], at: [[1, 1]], loss)[0]
            #expect(r.passed && r.nonSmoothCount == 2, "\(branch): \(r.verdicts)")
            #expect(zip(r.numeric, branch).allSatisfy { abs($0 - Double($1)) < 1e-6 }, "\(r.numeric)")
        }
        let mean = try check([[0.5, 0.5]], at: [[1, 1]], loss)[0]
        #expect(mean.verdicts.allSatisfy { !$0.passed })
    }

    /// L = θ₀² with a second param it does not depend on (∂L/∂θ₁ = 0, as for a bias before
    /// batchnorm): a rounding-size value from autodiff (1e-7 against the first param's 2)
    /// passes by the absolute rule; a real 1e-3 fails.
    @Test func aGradientOfZeroIsJudgedAbsolutely() throws {
        let loss: ([[Double]]) -> Double = { v in v[0][0] * v[0][0] + v[1][0] * 0 }
        let rounding = try check([[2], [1e-7]], at: [[1], [0.5]], loss)
        #expect(rounding[1].passed && rounding[1].worst.rule == .absolute, "\(rounding[1].worst)")
        #expect(abs(rounding[1].worst.limit - GradientCheck.negligibleFraction * 2) < 1e-12)
        let real = try check([[2], [1e-3]], at: [[1], [0.5]], loss)
        #expect(!real[1].passed)
        // Only a param whose whole gradient is that small: an element of an ordinary param as
        // small (1e-5 ≤ 2e-5) is judged relatively, with 1e-6 of its param's largest forgiven.
        let ordinary = try check([[2, 1e-5]], at: [[1, 0.5]]) { v in v[0][0] * v[0][0] }[0]
        #expect(!ordinary.passed && ordinary.worstIndex == 1)
    }
}
