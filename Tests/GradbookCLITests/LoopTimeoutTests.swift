import Foundation
import Testing

/// `gradbook run --timeout` stops an endless `while` (or `for`) before its next iteration,
/// as it stops `repeat` and `fit`, and goes on with the rest of the script.
struct LoopTimeoutTests {
    @Test func timeoutStopsAnEndlessWhile() throws {
        let dir = Binary.temporaryDirectory()
        try "n = 0\nwhile true\n  n = n + 1\nend\nn > 0\n".write(to: dir.appendingPathComponent("w.grad"), atomically: true, encoding: .utf8)
        let start = Date()
        let r = try Binary.run(["run", "--timeout", "1", "w.grad"], directory: dir)
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(r.stdout.contains("interrupted after"), "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("iterations (the work of those is kept)"), "\(r.stdout)")
    }
}
