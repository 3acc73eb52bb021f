import Foundation
import Testing

/// The memory and file limits, end to end: a statement that would exceed them is an error, the
/// process goes on, and nothing blocks or crashes.
struct LimitsEndToEndTests {
    /// Runs `gradbook ARGS` through `sh -c` after `ulimit -v KB` (when given), in `directory`.
    private func shell(_ arguments: String, virtualKB: Int? = nil, directory: URL,
                       environment: [String: String] = [:]) throws -> Binary.Result {
        let limit = virtualKB.map { "ulimit -v \($0) && " } ?? ""
        return try Binary.run(["-c", "\(limit)exec \"$GRADBOOK\" \(arguments)"], directory: directory,
                              environment: environment.merging(["GRADBOOK": Binary.url.path]) { $1 }, shell: true)
    }

    /// Every file a statement reads is checked for its size before it is read (here `import`,
    /// whose safetensors reader once read a 40 GB file whole).
    @Test func filesLargerThanTheMemoryLimitAreRefusedBeforeReading() throws {
        let dir = Binary.temporaryDirectory()
        try Data(repeating: 7, count: 4096).write(to: dir.appendingPathComponent("big.safetensors"))
        try String(repeating: "x = 1\n", count: 1000).write(to: dir.appendingPathComponent("big.grad"), atomically: true, encoding: .utf8)
        let script = "m = sequential(dense(1, input=1))\nimport m \"big.safetensors\"\nrun \"big.grad\"\n"
        try script.write(to: dir.appendingPathComponent("s.grad"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["run", "s.grad"], directory: dir, environment: ["GRADBOOK_MAX_ELEMENTS": "256"])
        #expect(r.status == 1)
        let refusals = r.stderr.components(separatedBy: "more bytes than the memory limit").count - 1
        #expect(refusals == 2, "\(r.stderr)")
    }

    /// A FIFO (or a device) is refused at once: reading one would block the session.
    @Test func readingSomethingThatIsNotARegularFileIsRefused() throws {
        let dir = Binary.temporaryDirectory()
        #expect(mkfifo(dir.appendingPathComponent("fifo.csv").path, 0o600) == 0)
        #expect(mkfifo(dir.appendingPathComponent("fifo.grad").path, 0o600) == 0)
        let script = "load(\"fifo.csv\")\nrun \"fifo.grad\"\n\"went on\"\n"
        try script.write(to: dir.appendingPathComponent("s.grad"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["run", "--timeout", "20", "s.grad"], directory: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout == "went on\n")
        #expect(r.stderr.components(separatedBy: "not a regular file").count - 1 == 2, "\(r.stderr)")
    }

    /// Under `ulimit -v`, the limit follows the address space allowed, and it counts every
    /// tensor held, not only the new one: four 20000×20000 tensors, or many smaller ones, are
    /// errors before the allocation that would fail.
    @Test func theLimitFollowsRLimitsAndCountsEveryTensorHeld() throws {
        let dir = Binary.temporaryDirectory()
        let big = (0..<4).map { "a\($0) = zeros(20000, 20000)" }.joined(separator: "\n")
        let many = (0..<12).map { "b\($0) = zeros(8000, 8000)" }.joined(separator: "\n")
        try (big + "\n" + many + "\n\"still here\"\n").write(to: dir.appendingPathComponent("s.grad"), atomically: true, encoding: .utf8)
        let r = try shell("run s.grad", virtualKB: 4_000_000, directory: dir)
        #expect(r.status == 1, "status \(r.status): \(r.stderr.suffix(600))")
        #expect(r.stdout == "still here\n", "\(r.stderr.suffix(600))")
        #expect(r.stderr.contains("s.grad:1:6: error"), "\(r.stderr.prefix(600))")
        #expect(r.stderr.contains("tensors held"), "\(r.stderr.suffix(600))")
    }

    /// A 16,000-line list pasted at the prompt parses in linear time (each line once, not the
    /// whole cell again after every line: that took 82 s).
    @Test func aLongPastedCellParsesInLinearTime() throws {
        let dir = Binary.temporaryDirectory()
        let cell = "x = [\n" + String(repeating: "  1,\n", count: 16_000) + "]\nx.size\n"
        let start = Date()
        let r = try Binary.run([], input: cell, directory: dir)
        let seconds = Date().timeIntervalSince(start)
        #expect(r.stdout.contains("16000"), "\(r.stdout.suffix(300)) \(r.stderr.suffix(300))")
        #expect(seconds < 20, "took \(seconds) s")
    }
}
