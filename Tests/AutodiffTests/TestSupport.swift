import Foundation
import Testing
@testable import Autodiff

/// Expects two float arrays to agree within `tolerance` (absolute plus relative), reporting the
/// first differing element at the caller's source location.
func expectClose(
    _ actual: [Float], _ expected: [Float], tolerance: Float = 1e-5,
    _ comment: @autoclosure () -> String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "count \(actual.count) vs \(expected.count) \(comment())",
            sourceLocation: sourceLocation)
    guard actual.count == expected.count else { return }
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        let ok = (a.isNaN && e.isNaN) || a == e || Swift.abs(a - e) <= tolerance * (1 + Swift.abs(e))
        if !ok {
            Issue.record("element \(i): \(a) vs expected \(e) \(comment())", sourceLocation: sourceLocation)
            return
        }
    }
}

/// Expects a tensor's shape and elements.
func expectTensor(
    _ t: Tensor, shape: [Int], _ values: [Float], tolerance: Float = 1e-5,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(t.shape == shape, sourceLocation: sourceLocation)
    expectClose(t.scalars, values, tolerance: tolerance, sourceLocation: sourceLocation)
}

/// A seeded random tensor for tests.
func randomTensor(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
    var g = RandomGenerator(seed: seed)
    return (try? Tensor.normal(shape, std: scale, using: &g)) ?? Tensor(0)
}

/// The folder holding this test target's fixtures.
let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")
