import Foundation
import Testing
@testable import Autodiff

/// Replays Fixtures/numpy_cases.json: the tensor core's results against NumPy's, case by case.
/// The fixture is produced by Fixtures/make_numpy_cases.py.
struct NumPyCasesTests {
    struct Encoded: Decodable {
        let shape: [Int]
        let data: [Float]
        var tensor: Tensor { (try? Tensor(shape: shape, scalars: data)) ?? Tensor(.nan) }
    }

    struct Case: Decodable {
        let kind: String
        let op: String?
        let a: Encoded?, b: Encoded?, x: Encoded?
        let xs: [Encoded]?
        let axis: Int?
        let keep: Bool?
        let spec: [[SpecPart]]?
        let shape: [Int]?
        let perm: [Int]?
        let result: Encoded?
        let log: Encoded?
        let error: String?
    }

    enum SpecPart: Decodable {
        case text(String), int(Int), null
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let i = try? c.decode(Int.self) { self = .int(i) }
            else { self = .text(try c.decode(String.self)) }
        }
        var int: Int? { if case .int(let i) = self { i } else { nil } }
    }

    static let cases: [Case] = {
        let url = fixturesDirectory.appendingPathComponent("numpy_cases.json")
        struct File: Decodable { let cases: [Case] }
        guard let data = try? Data(contentsOf: url),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.cases
    }()

    @Test func fixtureLoads() {
        #expect(Self.cases.count > 400)
    }

    @Test(arguments: ["binary", "reduce", "slice", "reshape", "transpose", "concat", "stack", "matmul", "softmax"])
    func replay(kind: String) throws {
        let selected = Self.cases.filter { $0.kind == kind }
        #expect(!selected.isEmpty)
        for c in selected {
            let label = "\(c.kind) \(c.op ?? "") \(c.a?.shape ?? c.x?.shape ?? []) \(c.b?.shape ?? []) axis \(String(describing: c.axis))"
            do {
                let (value, extra) = try run(c)
                guard let expected = c.result else {
                    Issue.record("\(label): expected an error (\(c.error ?? "")), got \(value.shape)")
                    continue
                }
                #expect(value.shape == expected.shape, "\(label)")
                expectClose(value.scalars, expected.data, tolerance: 2e-6, label)
                if let extra, let log = c.log { expectClose(extra.scalars, log.data, tolerance: 2e-6, label) }
            } catch {
                if c.error == nil { Issue.record("\(label): unexpected error \(error)") }
            }
        }
    }

    private func run(_ c: Case) throws(TensorError) -> (Tensor, Tensor?) {
        switch c.kind {
        case "binary":
            let a = c.a!.tensor, b = c.b!.tensor
            switch c.op! {
            case "add": return (try a + b, nil)
            case "subtract": return (try a - b, nil)
            case "multiply": return (try a * b, nil)
            default: return (try a / b, nil)
            }
        case "reduce":
            let x = c.x!.tensor, keep = c.keep ?? false
            switch c.op! {
            case "sum": return (try x.sum(axis: c.axis, keepDims: keep), nil)
            case "mean": return (try x.mean(axis: c.axis, keepDims: keep), nil)
            case "max": return (try x.max(axis: c.axis, keepDims: keep), nil)
            case "min": return (try x.min(axis: c.axis, keepDims: keep), nil)
            case "argmax": return (try x.argmax(axis: c.axis, keepDims: keep), nil)
            default: return (try x.norm(axis: c.axis, keepDims: keep), nil)
            }
        case "slice":
            let spec: [TensorIndex] = c.spec!.map { part in
                if case .text("at") = part[0] { return .at(part[1].int!) }
                return .range(start: part[1].int, stop: part[2].int, step: part[3].int)
            }
            return (try c.x!.tensor.slice(spec), nil)
        case "reshape": return (try c.x!.tensor.reshaped(c.shape!), nil)
        case "transpose": return (try c.x!.tensor.transposed(c.perm), nil)
        case "concat": return (try Tensor.concat(c.xs!.map(\.tensor), axis: c.axis!), nil)
        case "stack": return (try Tensor.stack(c.xs!.map(\.tensor), axis: c.axis!), nil)
        case "matmul": return (try Tensor.matmul(c.a!.tensor, c.b!.tensor), nil)
        default:
            let x = c.x!.tensor
            return (try x.softmax(axis: c.axis!), try x.logSoftmax(axis: c.axis!))
        }
    }
}
