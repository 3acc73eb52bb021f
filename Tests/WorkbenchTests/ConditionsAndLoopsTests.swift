import Foundation
import Testing
@testable import Workbench
import Language

/// Comparisons, `and`/`or`/`not`, `any`/`all`, and the blocks `if`, `for`, `while` with
/// `break`, run by the interpreter.
struct ConditionsAndLoopsTests {
    // MARK: Comparisons

    /// Two single numbers give a boolean; NumPy gives the same answers (`2 > 1` is True,
    /// `0.1 + 0.2 == 0.3` is False in float64 and True in float32 — gradbook's numbers are
    /// float32, as `np.float32(0.1) + np.float32(0.2) == np.float32(0.3)` is True).
    @Test func numbersGiveBooleans() {
        let s = RecordingSession()
        #expect(s.output("2 > 1") == "true")
        #expect(s.output("2 < 1") == "false")
        #expect(s.output("3 >= 3") == "true")
        #expect(s.output("3 <= 2.5") == "false")
        #expect(s.output("1 != 1") == "false")
        #expect(s.output("0.1 + 0.2 == 0.3") == "true")
        #expect(s.output("\"adam\" == \"adam\"") == "true")
        #expect(s.output("\"adam\" != \"sgd\"") == "true")
        #expect(s.output("true == false") == "false")
    }

    /// Tensors compare elementwise with broadcasting, to 0/1 float32 tensors (NumPy:
    /// `np.array([1, 5, 3]) > 2` is `[False, True, True]`; `[[1], [2]] == [1, 2]` broadcasts to
    /// `[[True, False], [False, True]]`).
    @Test func tensorsGiveZeroOneTensors() {
        let s = RecordingSession()
        s.output("c = [1, 5, 3] > 2")
        #expect(s.tensor("c")?.shape == [3])
        #expect(s.tensor("c")?.scalars == [0, 1, 1])
        s.output("e = [[1], [2]] == [1, 2]")
        #expect(s.tensor("e")?.shape == [2, 2])
        #expect(s.tensor("e")?.scalars == [1, 0, 0, 1])
        // An accuracy: 3 of 4 predictions right.
        s.output("p = [[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]]")
        #expect(s.output("mean(argmax(p, axis=1) == [0, 1, 1, 1])") == "0.7500")
        // NaN compares unequal to everything, itself included (IEEE 754, as NumPy).
        s.output("n = log(-1)")
        #expect(s.output("n == n") == "false")
        #expect(s.output("n != n") == "true")
    }

    /// No gradient flows through a comparison: (w > 1) * w has gradient w > 1 (the mask, a
    /// constant), where a differentiable mask would add its own (zero) term anyway.
    @Test func comparisonsAreNotDifferentiable() {
        let s = RecordingSession()
        s.output("w = param([0.5, 2, 3])\nm = w > 1\nL = sum(m * w)\nbackward L")
        #expect(s.session.workspace["m"]?.tensor?.requiresGrad == false)
        #expect(s.session.workspace["w"]?.tensor?.grad?.scalars == [0, 1, 1])
    }

    @Test func comparisonErrors() {
        let s = RecordingSession()
        let shapes = s.error("[1, 2] < [1, 2, 3]")
        #expect(shapes.contains("comparison '<': cannot broadcast shapes [2] and [3]"), "\(shapes)")
        let kinds = s.error("m = sequential(dense(1, input=1))\nm < 1")
        #expect(kinds.contains("cannot apply '<' to a model and a number"), "\(kinds)")
        #expect(kinds.contains("comparisons take numbers, tensors and booleans"), "\(kinds)")
    }

    // MARK: Logic

    @Test func andOrNotShortCircuit() {
        let s = RecordingSession()
        #expect(s.output("false and nowhere") == "false")
        #expect(s.output("true or nowhere") == "true")
        #expect(s.output("not 0") == "true")
        #expect(s.output("not (2 > 1)") == "false")
        #expect(s.output("1 < 2 and 2 < 3") == "true")
        #expect(s.output("0 or 0.5") == "true")
        let unknown = s.error("true and nowhere")
        #expect(unknown.contains("unknown name 'nowhere'"), "\(unknown)")
    }

    /// A tensor of several elements has no one truth value: the error points at it and
    /// names any/all; any and all give it.
    @Test func severalElementsNeedAnyOrAll() {
        let s = RecordingSession()
        s.output("t = [1, -2, 3]")
        let error = s.error("if t > 0\n  y = 1\nend")
        #expect(error.contains("error: 'if' needs one truth value, got a tensor[3]: which of its elements?"), "\(error)")
        #expect(error.contains("  if t > 0\n     ^~~~~"), "\(error)")
        #expect(error.contains("hint: any(t) is true when some element is non-zero, all(t) when every one is"), "\(error)")
        #expect(s.error("not t").contains("'not' needs one truth value"))
        #expect(s.error("t and true").contains("'and' needs one truth value"))
        #expect(s.output("any(t > 2)") == "true")
        #expect(s.output("all(t > 0)") == "false")
        #expect(s.output("all(abs(t) > 0)") == "true")
        #expect(s.output("any(zeros(0))") == "false")     // NumPy: np.any([]) is False,
        #expect(s.output("all(zeros(0))") == "true")      // np.all([]) is True
        #expect(s.output("any(true)") == "true")
        let model = s.error("m = sequential(dense(1, input=1))\nif m\nend")
        #expect(model.contains("'if': the condition must be a boolean or a single number, got a model"), "\(model)")
    }

    // MARK: Blocks

    @Test func ifPicksTheFirstTrueBranch() {
        let s = RecordingSession()
        let program = "if x > 2\n  size = \"big\"\nelse if x > 1\n  size = \"medium\"\nelse\n  size = \"small\"\nend\nsize"
        for (x, size) in [("3", "big"), ("2", "medium"), ("1", "small")] {
            s.output("x = \(x)")
            #expect(s.output(program) == size, "x = \(x)")
        }
        // Without an else, nothing runs when no condition holds.
        s.output("z = 0\nif x > 5\n  z = 1\nend")
        #expect(s.tensor("z")?.scalar == 0)
    }

    @Test func forOverCountsTensorsAndLists() {
        let s = RecordingSession()
        // 0 + 1 + 2 + 3 = 6; the loop variable keeps its last value, as in Python.
        s.output("total = 0\nfor i in 4\n  total = total + i\nend")
        #expect(s.tensor("total")?.scalar == 6)
        #expect(s.output("i") == "3")
        s.output("total = 0\nfor x in [0.5, 2, -1]\n  total = total + x\nend")
        #expect(s.tensor("total")?.scalar == 1.5)
        s.output("names = 0\nfor f in [relu, sigmoid]\n  names = names + 1\nend")
        #expect(s.tensor("names")?.scalar == 2)
        s.output("p = 1\nfor d in zeros(2, 3).shape\n  p = p * d\nend")
        #expect(s.tensor("p")?.scalar == 6)
        s.output("n = 0\nfor i in 0\n  n = n + 1\nend")
        #expect(s.tensor("n")?.scalar == 0)
    }

    /// The elements of a param, taken by `for`, keep their gradient path (as `w[i]` does):
    /// ∂/∂w Σ wᵢ² = 2w.
    @Test func forOverAParamKeepsTheGradient() {
        let s = RecordingSession()
        s.output("w = param([1, 2, 3])\ns = 0\nfor x in w\n  s = s + x^2\nend\nbackward s")
        #expect(s.session.workspace["w"]?.tensor?.grad?.scalars == [2, 4, 6])
    }

    @Test func forErrors() {
        let s = RecordingSession()
        let matrix = s.error("for r in zeros(3, 2)\nend")
        #expect(matrix.contains("for: a tensor[3×2] has 2 axes: for x in t takes a 1-D tensor's elements"), "\(matrix)")
        #expect(matrix.contains("hint: for i in 3 with t[i] runs over its rows"), "\(matrix)")
        let fraction = s.error("for i in 2.5\nend")
        #expect(fraction.contains("for: the count must be a whole number, got 2.5000"), "\(fraction)")
        #expect(fraction.contains("  for i in 2.5\n           ^~~"), "\(fraction)")
        #expect(s.error("for i in -1\nend").contains("for: the count must be at least 0, got -1"))
        #expect(s.error("for i in \"abc\"\nend").contains("what follows 'in' must be a count, a 1-D tensor or a list, got a string"))
    }

    /// A failing iteration leaves the workspace as it was before the loop.
    @Test func anErrorInsideALoopChangesNothing() {
        let s = RecordingSession()
        s.output("total = 0")
        let error = s.error("for i in 5\n  total = total + i\n  if i == 3\n    total = total + nowhere\n  end\nend")
        #expect(error.contains("unknown name 'nowhere'"), "\(error)")
        #expect(s.tensor("total")?.scalar == 0)
        #expect(s.session.workspace["i"] == nil)
    }

    @Test func whileAndBreak() {
        let s = RecordingSession()
        s.output("n = 1\nwhile n < 100\n  n = n * 2\nend")
        #expect(s.tensor("n")?.scalar == 128)
        s.output("k = 0\nwhile true\n  k = k + 1\n  if k >= 7\n    break\n  end\nend")
        #expect(s.tensor("k")?.scalar == 7)
        // break leaves only the innermost loop: 3 outer iterations × 2 inner ones.
        s.output("count = 0\nfor i in 3\n  for j in 10\n    if j == 2\n      break\n    end\n    count = count + 1\n  end\nend")
        #expect(s.tensor("count")?.scalar == 6)
        #expect(s.output("i") == "2")
        #expect(s.output("j") == "2")
        s.output("r = 0\nrepeat 10\n  r = r + 1\n  if r == 4\n    break\n  end\nend")
        #expect(s.tensor("r")?.scalar == 4)
        // A bad while condition is an error at the condition, naming the construct.
        s.output("t = [1, 2]")
        #expect(s.error("while t\nend").contains("'while' needs one truth value, got a tensor[2]"))
    }

    // MARK: Scope

    /// At the top level, names assigned in any block are workspace names; inside a `def` they
    /// (and the loop variable) are the function's locals.
    @Test func blocksAssignWorkspaceNamesAtTheTopLevelAndLocalsInADef() {
        let s = RecordingSession()
        s.output("if true\n  a = 1\nend\nwhile not (2 > 3)\n  b = 2\n  break\nend\nfor k in 1\n  c = 3\nend")
        #expect(s.session.variableNames == ["a", "b", "k", "c"])
        s.output("""
            def sum_to(n) do
              acc = 0
              for j in n
                if j > 2
                  extra = 100
                  break
                end
                acc = acc + j
              end
              acc
            end
            """)
        #expect(s.output("sum_to(10)") == "3.0000")      // 0 + 1 + 2, then break at j = 3
        #expect(s.output("sum_to(2)") == "1.0000")
        for local in ["acc", "j", "extra"] { #expect(s.session.workspace[local] == nil, "\(local)") }
        // A loop in a def reads the workspace, and its assignments stay local.
        s.output("scale = 10\ndef scaled(n) do\n  r = 0\n  for i in n\n    r = r + scale\n  end\n  r\nend")
        #expect(s.output("scaled(3)") == "30.0000")
        #expect(s.session.workspace["r"] == nil)
        #expect(s.output("k") == "0")       // the workspace's k, untouched by the def's i
    }

    /// Recursion with an `if` as the base case: each call has its own locals (5! = 120).
    @Test func recursionWithIf() {
        let s = RecordingSession()
        s.output("def fact(n) do\n  r = 1\n  if n > 1\n    r = n * fact(n - 1)\n  end\n  r\nend")
        #expect(s.output("fact(5)") == "120.0000")
        #expect(s.output("fact(1)") == "1.0000")
    }
}
