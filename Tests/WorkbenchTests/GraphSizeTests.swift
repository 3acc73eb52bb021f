import Foundation
import Testing
@testable import Autodiff
@testable import Workbench

/// `chain` and `graph` on big graphs: the sum over paths is never judged on the listed ones
/// only, user-supplied counts have limits named in the error, the drawing grows linearly with
/// the graph, and Ctrl-C stops them.
struct GraphSizeTests {
    /// L = a² + a³ + a has 6 paths to a; dL/da = 2a + 3a² + 1 = 6 at a = 1 (closed form).
    @Test func fewerListedPathsStillCompareTheFullSum() {
        let s = RecordingSession()
        s.output("a = param(1)\nL = a*a + a*a*a + a\nbackward L")
        let text = s.output("chain L a paths=2")
        #expect(text.contains("6 paths from L to a"), "\(text)")
        #expect(text.contains("… and 4 more paths (not listed)"), "\(text)")
        #expect(text.contains("sum over the 2 listed paths: 1.0000 + 1.0000 = 2.0000"), "\(text)")
        #expect(text.contains("the listed paths are 2 of 6; the sum over all 6 paths is 6.0000"), "\(text)")
        #expect(text.contains("autodiff: ∂L/∂a = 6.0000 ✓"), "\(text)")
        #expect(!text.contains("✗"), "\(text)")
    }

    /// t ← t + t doubles the paths at every step: 2⁶⁰ paths, ∂t/∂x = 2⁶⁰ (closed form), far
    /// too many to list or count exactly.
    @Test func exponentiallyManyPathsAreSummedWithoutListing() {
        let s = RecordingSession()
        s.output("x = param(1)\nt = x * 1\nrepeat 60\n  t = t + t\nend\nbackward t")
        let text = s.output("chain t x paths=5")
        #expect(text.contains("more than 10^15 paths from t to x"), "\(text)")
        #expect(text.contains("autodiff: ∂t/∂x = 1.1529e+18 ✓") || text.contains("= 1152921504606846976"), "\(text)")
        #expect(!text.contains("✗"), "\(text)")
        // A tensor param: the verdict sums all the paths too.
        s.output("w = param([1, 2])\nu = w * 1\nrepeat 40\n  u = u + u\nend\nL = sum(u)\nbackward L")
        let tensor = s.output("chain L w paths=3")
        #expect(tensor.contains("vs autodiff ∂L/∂w [2]: agree to float32 rounding ✓"), "\(tensor)")
    }

    @Test func countsHaveLimits() {
        let s = RecordingSession()
        s.output("a = param(1)\nL = a*a\nbackward L")
        #expect(s.error("chain L a paths=10000000").contains("paths must be at most 1000, got 10000000"))
        #expect(s.error("gradcheck L a samples=1000000").contains("samples must be at most 4096"))
        #expect(s.error("hist randn(100, seed=0) bins=5000").contains("bins must be at most 1000"))
        #expect(s.error("plot randn(10, seed=0) width=100000").contains("width must be at most 1000"))
        #expect(s.error("plot randn(10, seed=0) height=100000").contains("height must be at most 500"))
    }

    /// A chain of 5,000 steps: each line of the drawing stays short (indented all the way, the
    /// last lines were 15,000 characters wide: the whole drawing grew as n²).
    @Test func graphOfALongChainIsLinear() throws {
        let s = RecordingSession()
        s.output("x = param(1)\nt = x * 1\nrepeat 5000\n  t = t * 1\nend\nbackward t")
        let tree = s.output("graph t")
        let lines = tree.split(separator: "\n")
        #expect(lines.count >= 10_000)
        let widest = try #require(lines.map(\.count).max())
        #expect(widest < 160, "widest line \(widest)")
        #expect(tree.contains("↳ depth 24: "))
        // chain on it lists nothing it cannot show, and still checks the one path.
        let chain = s.output("chain t x")
        #expect(chain.contains("… and 1 more path (not listed: listing stops at 4096 edges)"), "\(chain)")
        #expect(chain.contains("the sum over all 1 path is 1.0000"), "\(chain)")
        #expect(chain.contains("autodiff: ∂t/∂x = 1.0000 ✓"), "\(chain)")
    }

    /// Ctrl-C during `graph` or `chain` on a big graph stops them (and `walk`, at its next step).
    @Test func interruptStopsGraphChainAndWalk() {
        let flag = InterruptFlag()
        let s = RecordingSession(interruptRequested: { flag.raised })
        s.output("x = param(1)\nt = x * 1\nrepeat 3000\n  t = t * 1\nend\nbackward t")
        flag.raised = true
        #expect(s.error("graph t").contains("interrupted"))
        #expect(s.error("chain t x").contains("interrupted"))
        let walk = s.output("walk t")
        #expect(walk.contains("stopped after step 1 of 3001"), "\(walk.suffix(200))")
        #expect(!walk.contains("step 2 of"))
    }
}

private final class InterruptFlag: @unchecked Sendable { var raised = false }
