import Testing
@testable import Workbench

/// A `def` body is lexically scoped: it reads its own parameters and locals, then the
/// workspace, never the locals of the function that called it; its assignments stay local.
struct FunctionScopeTests {
    /// A parameter or local shadows a workspace name of the same name, which stays as it was.
    @Test func localsShadowTheWorkspace() {
        let s = RecordingSession()
        s.output("t = 7\ndef f(t) do\n  u = t * 2\n  u\nend")
        #expect(s.output("f(3)") == "6.0000")
        #expect(s.output("t") == "7.0000")
        #expect(s.session.workspace["u"] == nil)
    }

    /// The case from the bug report: a callee that assigns `t = 100` leaves its caller's `t`
    /// alone (the caller returns 5 − 4 = 1, not 100 − 4 = 96 nor the callee's 100).
    @Test func calleeAssignmentStaysInTheCallee() {
        let s = RecordingSession()
        s.output("def g(a) do\n  t = 100\n  a - 1\nend\ndef f(n) do\n  t = n\n  k = g(n)\n  t - k + 0\nend")
        #expect(s.output("f(5)") == "1.0000")      // t = 5, k = g(5) = 4: 5 − 4
        #expect(s.session.workspace["t"] == nil)
    }

    /// A callee cannot read its caller's locals: the name is unknown there, even though the
    /// caller has it (dynamic scope would have found it).
    @Test func calleeDoesNotSeeCallerLocals() {
        let s = RecordingSession()
        s.output("def inner() = secret + 1\ndef outer() do\n  secret = 41\n  inner()\nend")
        let error = s.error("outer()")
        #expect(error.contains("unknown name 'secret'") || error.contains("secret"), "\(error)")
        // With a workspace `secret`, the callee reads that one, not the caller's local.
        s.output("secret = 1")
        #expect(s.output("outer()") == "2.0000")
    }

    /// Each call of a recursive function has its own locals. The language has no `if`, so
    /// `repeat min([n, 1])` is the base case (it runs the body once for n ≥ 1, never for 0);
    /// the product reads `r` after the inner call, which would have overwritten it were scope
    /// dynamic. 5! = 120 and 6! = 720.
    @Test func recursionKeepsEachCallsLocals() {
        let s = RecordingSession()
        s.output("def fact(n) do\n  r = max([n, 1])\n  repeat min([n, 1])\n    r = fact(n - 1) * r\n  end\n  r\nend")
        #expect(s.output("fact(5)") == "120.0000")
        #expect(s.output("fact(6)") == "720.0000")
        #expect(s.output("fact(0)") == "1.0000")
    }

    /// A function may read a workspace name assigned after it was defined: it is looked up
    /// when the function runs.
    @Test func functionDefinedBeforeTheWorkspaceNameItReads() {
        let s = RecordingSession()
        s.output("def scaled(a) = a * factor")
        s.output("factor = 3")
        #expect(s.output("scaled(2)") == "6.0000")
        s.output("factor = 10")
        #expect(s.output("scaled(2)") == "20.0000")
    }
}
