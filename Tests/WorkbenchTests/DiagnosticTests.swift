import Testing
@testable import Workbench

/// Runtime errors: message, caret under the span, and a hint.
struct DiagnosticTests {
    @Test func unknownNameSuggestsCloseOnes() {
        let s = RecordingSession()
        s.output("W1 = 2")
        let e = s.error("W2 + 1")
        #expect(e.contains("error: unknown name 'W2'"))
        #expect(e.contains("  W2 + 1\n  ^~"))
        #expect(e.contains("did you mean W1?"))
        #expect(s.error("summry").contains("did you mean summary?"))
    }

    @Test func shapeMismatchNamesBothShapes() {
        let s = RecordingSession()
        let e = s.error("zeros(2, 3) + ones(4)")
        #expect(e.contains("[2, 3]") && e.contains("[4]"))
        #expect(e.contains("^~~~~~~~~~~~~~~~~~~~~"))
        let m = s.error("zeros(2, 3) @ zeros(2, 3)")
        #expect(m.contains("hint: a @ b needs a's last size (3) to equal b's first (2)"))
    }

    @Test func unknownOptionListsValidOnes() {
        let s = RecordingSession()
        s.output("data = dataset(\"xor\", n=8, seed=0)\nm = sequential(dense(1, sigmoid, input=2))\ncompile m optimizer=sgd loss=bce")
        let e = s.error("fit m data epoch=3")
        #expect(e.contains("fit has no option 'epoch'"))
        #expect(e.contains("did you mean epochs=?"))
    }

    @Test func wrongArgumentCountShowsUsage() {
        let s = RecordingSession()
        let e = s.error("eye(1, 2)")
        #expect(e.contains("eye takes 1 argument, got 2"))
        #expect(e.contains("usage: eye(n)"))
    }

    @Test func modelShapeErrorsNameTheLayer() {
        let s = RecordingSession()
        let e = s.error("m = sequential(dense(64, relu, input=10), dense(3, input=32))")
        #expect(e.contains("dense_1 expects input [*, 32], but the previous layer outputs [*, 64]"))
    }

    @Test func hugeAllocationsAreRefused() {
        let s = RecordingSession()
        let e = s.error("zeros(100000, 100000)")
        #expect(e.contains("exceeds the allocation limit"))
    }

    @Test func recursionIsBounded() {
        let s = RecordingSession()
        s.output("def f(a) = f(a)")
        #expect(s.error("f(1)").contains("calls nested more than"))
    }

    @Test func syntaxErrorsRenderWithCaret() {
        let s = RecordingSession()
        let e = s.error("x = (1 + )")
        #expect(e.contains("error: expected an expression"))
    }
}
