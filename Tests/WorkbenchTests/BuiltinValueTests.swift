import Foundation
import Testing
@testable import Autodiff
@testable import Workbench

/// Built-ins evaluated through the language against values computed independently with NumPy
/// (Fixtures/make_builtin_values.py).
struct BuiltinValueTests {
    struct Case: Decodable {
        let expr: String
        let shape: [Int]
        let values: [Double]
    }

    static let cases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/builtin_values.json")
        guard let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([Case].self, from: data)) ?? []
    }()

    @Test func fixtureLoads() { #expect(Self.cases.count > 40) }

    @Test func valuesMatchNumPy() {
        for c in Self.cases {
            let s = RecordingSession()
            let outcomes = s.run("result = \(c.expr)")
            guard outcomes.first?.error == nil, let t = s.tensor("result") else {
                Issue.record("\(c.expr): \(outcomes.first?.error ?? "no tensor")")
                continue
            }
            #expect(t.shape == c.shape, "\(c.expr): shape \(t.shape) vs \(c.shape)")
            for (a, e) in zip(t.scalars, c.values) where Swift.abs(Double(a) - e) > 1e-5 * (1 + Swift.abs(e)) {
                Issue.record("\(c.expr): \(t.scalars) vs NumPy \(c.values)")
                break
            }
        }
    }
}
