import Foundation
import Testing
import Autodiff
@testable import Datasets

/// The folder holding this test target's fixtures.
let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

/// The repository's root (for data/iris.csv).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// CSV text parsed as the file "t.csv".
func csv(_ text: String, target: String? = nil) throws(DataError) -> Dataset {
    try CSVLoader.parse(text, path: "t.csv", targets: target.map { [$0] })
}

/// A fresh temporary file path (the file is not created).
func temporaryPath(_ name: String) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-nn-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("\(UUID().uuidString)-\(name)").path
}

/// Expects a tensor's shape and elements exactly.
func expectTensor(
    _ t: Tensor, shape: [Int], _ values: [Float], sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(t.shape == shape, sourceLocation: sourceLocation)
    #expect(t.scalars == values, sourceLocation: sourceLocation)
}

/// Expects two float arrays to agree within `tolerance` (absolute plus relative).
func expectClose(
    _ actual: [Float], _ expected: [Float], tolerance: Float = 1e-5,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "count \(actual.count) vs \(expected.count)", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() where abs(a - e) > tolerance * (1 + abs(e)) {
        Issue.record("element \(i): \(a) vs expected \(e)", sourceLocation: sourceLocation)
        return
    }
}
