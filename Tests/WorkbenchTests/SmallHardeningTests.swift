import Foundation
import Testing
@testable import Autodiff
@testable import NN
@testable import Workbench
@testable import Datasets
@testable import Interop

/// The small ones of issue 14, item 16: each a wrong answer given without a word.
struct SmallHardeningTests {
    /// Old Mac line endings (a lone `\r`) end lines, as `\n` and `\r\n` do.
    @Test func aCarriageReturnOnlyCSVParses() throws {
        let d = try CSVLoader.parse("a,b\r1,2\r3,4\r", path: "mac.csv")
        #expect(d.count == 2)
        #expect(d.x.scalars == [1, 3] && d.y.scalars == [2, 4])
        let mixed = try CSVLoader.parse("a,b\r\n1,2\r3,4\n5,6", path: "mixed.csv")
        #expect(mixed.x.scalars == [1, 3, 5] && mixed.y.scalars == [2, 4, 6])
    }

    /// Keras's binary accuracy counts p > 0.5 as a 1: 0.5 itself is a 0.
    @Test func accuracyAtExactlyOneHalfIsWrong() {
        let s = RecordingSession()
        #expect(s.output("accuracy([0.5], [1])") == "0.0000")
        #expect(s.output("accuracy([0.5], [0])") == "1.0000")
        #expect(s.output("accuracy([0.5001, 0.4999], [1, 0])") == "1.0000")
    }

    /// A mean over zero rows has no value: every loss says so instead of reporting 0.
    @Test(arguments: ["cross_entropy(zeros(0, 3), zeros(0))", "categorical_cross_entropy(zeros(0, 3), zeros(0, 3))",
                      "mse(zeros(0), zeros(0))", "bce(zeros(0, 1), zeros(0))", "bce_logits(zeros(0), zeros(0))"])
    func aLossOnZeroRowsIsAnError(_ call: String) {
        let s = RecordingSession()
        #expect(s.error(call).contains("a mean over zero rows has no value"), "\(call)")
    }

    @Test func nanWeightsImportWithANote() throws {
        let s = RecordingSession()
        s.output("m = sequential(dense(2, input=2))")
        let w = try Tensor(shape: [2, 2], scalars: [1, .nan, .nan, 2]), b = try Tensor(shape: [2], scalars: [.infinity, 0])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nan-\(UUID().uuidString).safetensors").path
        try Data(SafetensorsWriter.encode([("dense_0.W", w), ("dense_0.b", b)])).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        let out = s.output("import m \"\(path)\"")
        #expect(out.contains("note: dense_0.W holds 2 NaN values of 4"), "\(out)")
        #expect(out.contains("note: dense_0.b holds 1 infinite value of 2"), "\(out)")
        #expect(out.contains("imported 2 params"))
    }
}
