import Foundation
import Testing
@testable import Workbench

/// With colour off at a terminal (`NO_COLOR`, `TERM=dumb`), plots print no escapes at all,
/// and a decision-boundary plot still shows its regions with shades, as in a saved session.
struct ColourOffTests {
    private let escape = "\u{1B}["

    private func drawn(usesColor: Bool, _ statement: String) -> String {
        let s = RecordingSession(isTerminal: true, usesColor: usesColor)
        s.output("""
            data = dataset("moons", n=40, seed=0)
            m = sequential(dense(8, relu, input=2), dense(1, sigmoid))
            compile m optimizer=adam(lr=0.05) loss=bce
            fit m data epochs=3 quiet
            """)
        s.output(statement)
        return s.printed.joined(separator: "\n")
    }

    @Test func histAndBoundaryAreUncolouredWithColourOff() {
        let hist = drawn(usesColor: false, "hist randn(200, seed=0)")
        #expect(!hist.contains(escape), "\(hist.debugDescription.prefix(300))")
        #expect(hist.contains("█"))
        let boundary = drawn(usesColor: false, "plot boundary m data")
        #expect(!boundary.contains(escape), "\(boundary.debugDescription.prefix(300))")
        #expect(boundary.contains("░"), "the regions must show as shades:\n\(boundary)")
        #expect(boundary.contains("[░] predicted"), "\(boundary)")
        let history = drawn(usesColor: false, "plot m.history")
        #expect(!history.contains(escape))
    }

    /// The same plots at a terminal with colour on are coloured (so the test above can fail).
    @Test func coloursAtATerminalWhenAllowed() {
        #expect(drawn(usesColor: true, "hist randn(200, seed=0)").contains(escape + "38;5;"))
        #expect(drawn(usesColor: true, "plot boundary m data").contains(escape + "48;5;"))
    }
}
