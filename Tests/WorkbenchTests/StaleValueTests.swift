import Foundation
import Testing
import Autodiff
@testable import Workbench

/// A value computed from a param before that param changed is stale: backward, chain, walk,
/// trace and graph on it are errors that name the param and the cell that changed it (before,
/// `backward L; step w lr=1; backward L` silently gave the old gradient again).
struct StaleValueTests {
    /// L = (w·x − y)² with x = 2, y = 1: ∂L/∂w = 2(w·x − y)·x.
    private func neuron() -> RecordingSession {
        let s = RecordingSession()
        s.output("x = 2\ny = 1\nw = param(0.75)\nL = (w*x - y)^2\nbackward L")  // cells 1–5
        return s
    }

    @Test func backwardAfterStepIsAnError() throws {
        let s = neuron()
        #expect(s.tensor("w")?.grad?.scalar == 2)  // 2·(1.5 − 1)·2
        s.output("step w lr=1")  // cell 6: w = 0.75 − 2 = −1.25
        let e = s.error("backward L")
        #expect(e.contains("L is stale: it was computed from w before In [6] changed it (step)"), "\(e)")
        #expect(e.contains("recompute L from the current w"), "\(e)")
        #expect(e.contains("^"), "\(e)")  // the caret under L
        #expect(s.tensor("w")?.grad?.scalar == 2)  // nothing changed
        for command in ["chain L w", "walk L", "trace L", "graph L", "chain loss w"] {
            let e = s.error(command)
            #expect(e.contains("is stale: it was computed from w before In [6] changed it (step)"), "\(command): \(e)")
        }
        // Recomputed, it is current: 2·(−2.5 − 1)·2 = −14.
        s.output("L = (w*x - y)^2\nbackward L")
        #expect(s.tensor("w")?.grad?.scalar == -14)
        #expect(s.output("chain L w").contains("✓"))
    }

    @Test func assigningTheParamAnewMakesItsValuesStale() {
        let s = neuron()
        s.output("w = param(w - 0.1 * grad(w))")  // cell 6
        let e = s.error("backward L")
        #expect(e.contains("L is stale: it was computed from w before In [6] assigned w anew"), "\(e)")
    }

    @Test func fitMakesEarlierValuesStaleButNotItsOwnLoss() {
        let s = RecordingSession()
        s.output("""
            data = dataset("moons", n=32, seed=1)
            m = sequential(dense(4, relu, input=2), dense(1, sigmoid))
            compile m optimizer=sgd(lr=0.1) loss=bce
            L = loss(m, data)
            fit m data epochs=1 batch=8 quiet
            """)  // cells 1–5
        let e = s.error("backward L")
        #expect(e.contains("L is stale: it was computed from dense_0.W before In [5] changed it (fit)"), "\(e)")
        #expect(s.output("chain loss m[0].W").contains("✓"))  // fit's last step is current
        s.output("train_step m data")  // cell 8 (the failed backward was cell 6)
        #expect(s.output("chain loss m[0].W").contains("✓"))  // train_step's own loss
        s.output("step m lr=0.1 quiet")  // cell 10
        #expect(s.error("walk loss").contains("loss is stale: it was computed from dense_0.W before In [10] changed it (step)"))
    }

    /// undo puts w back as it was when L was computed (L is current again), and what was
    /// computed from the undone values (`_7`, the value of cell 7) is stale.
    @Test func undoRestoresCurrencyAndStalesWhatItUndid() {
        let s = neuron()
        s.output("step w lr=1 quiet")  // cell 6
        s.output("(w*x - y)^2")        // cell 7, from the stepped w
        s.output("undo")               // cell 8: the step undone, w = 0.75 again
        s.output("backward L")
        #expect(s.tensor("w")?.grad?.scalar == 2)
        let e = s.error("backward _7")
        #expect(e.contains("_7 is stale: it was computed from w before In [8] changed it (undo)"), "\(e)")
    }

    @Test func importMakesEarlierValuesStale() {
        let folder = TemporaryFolder("stale")
        let s = RecordingSession()
        s.output("""
            data = dataset("moons", n=16, seed=1)
            m = sequential(dense(1, sigmoid, input=2))
            compile m optimizer=sgd loss=bce
            L = loss(m, data)
            export m "\(folder.file("m.safetensors"))"
            import m "\(folder.file("m.safetensors"))"
            """)  // cells 1–6
        let e = s.error("graph L")
        #expect(e.contains("L is stale: it was computed from dense_0.W before In [6] changed it (import)"), "\(e)")
    }

    /// A failed statement changes nothing, not even what counts as changed.
    @Test func aFailedStepChangesNothing() {
        let s = neuron()
        s.error("repeat 2\n  step w lr=1 quiet\n  nope\nend")
        s.output("backward L")
        #expect(s.tensor("w")?.grad?.scalar == 2)
    }

    /// The lesson on stale values quotes the error gradbook gives at its point of the session
    /// (a failed statement cannot be saved with its output); the quote must be what it prints.
    @Test func lessonQuotesTheErrorAsPrinted() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let lesson = try String(contentsOf: root.appendingPathComponent("sessions/lesson7_stale_values.grad"), encoding: .utf8)
        let marker = "#   In [10]: backward L\n"
        let at = try #require(lesson.range(of: marker))
        let quoted = lesson[at.upperBound...].split(separator: "\n").prefix(2).map { String($0.dropFirst(4)) }
        let s = RecordingSession()
        let before = s.run(String(lesson[..<at.lowerBound]))
        #expect(before.count == 9 && before.allSatisfy { $0.error == nil })
        let e = s.error("backward L")
        #expect(quoted.count == 2 && quoted.allSatisfy { e.contains($0) }, "quoted \(quoted), printed \(e)")
    }
}
