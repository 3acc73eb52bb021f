import Foundation
import Testing
@testable import Autodiff

/// Replays Fixtures/conv_cases.json: conv2d, maxpool2d and avgpool2d, forward and backward,
/// against an independent NumPy implementation (loops over output positions, float64) that
/// Fixtures/make_conv_fixtures.py cross-checked with PyTorch when it wrote the file.
struct ConvolutionFixtureTests {
    struct Encoded: Decodable {
        let shape: [Int]
        let data: [Float]
        var tensor: Tensor { (try? Tensor(shape: shape, scalars: data)) ?? Tensor(.nan) }
    }

    struct Case: Decodable {
        let kind: String
        let x: Encoded, g: Encoded, y: Encoded, dx: Encoded
        let w: Encoded?, b: Encoded?, dw: Encoded?, db: Encoded?
        let stride: Int
        let padding: String?
        let size: Int?

        var label: String { "\(kind) x \(x.shape) w \(w?.shape ?? [size ?? 0]) stride \(stride) padding \(padding ?? "-")" }
    }

    static let file: (torch: Bool, cases: [Case]) = {
        struct File: Decodable { let checked_with_torch: Bool; let cases: [Case] }
        let url = fixturesDirectory.appendingPathComponent("conv_cases.json")
        guard let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else {
            return (false, [])
        }
        return (file.checked_with_torch, file.cases)
    }()

    @Test func fixtureLoadsAndWasCheckedWithTorch() {
        #expect(Self.file.cases.filter { $0.kind == "conv2d" }.count == 10)
        #expect(Self.file.cases.filter { $0.kind != "conv2d" }.count == 12)
        #expect(Self.file.torch)
    }

    @Test func conv2dForwardAndBackward() throws {
        for c in Self.file.cases where c.kind == "conv2d" {
            let x = c.x.tensor.param(), w = try #require(c.w).tensor.param(), b = c.b?.tensor.param()
            let padding: WindowPadding = c.padding == "same" ? .same : .zeros(Int(c.padding ?? "0") ?? -1)
            let y = try Tensor.conv2d(x, w, bias: b, stride: c.stride, padding: padding)
            #expect(y.shape == c.y.shape, "\(c.label)")
            expectClose(y.scalars, c.y.data, tolerance: 1e-5, "\(c.label) y")
            try y.backward(seed: c.g.tensor)
            expectClose(x.grad?.scalars ?? [], c.dx.data, tolerance: 1e-5, "\(c.label) dx")
            expectClose(w.grad?.scalars ?? [], try #require(c.dw).data, tolerance: 1e-5, "\(c.label) dW")
            if let b { expectClose(b.grad?.scalars ?? [], try #require(c.db).data, tolerance: 1e-5, "\(c.label) db") }
        }
    }

    @Test func poolingForwardAndBackward() throws {
        for c in Self.file.cases where c.kind != "conv2d" {
            let x = c.x.tensor.param(), size = try #require(c.size)
            let y = c.kind == "maxpool2d" ? try x.maxPool2d(size: size, stride: c.stride)
                                          : try x.avgPool2d(size: size, stride: c.stride)
            #expect(y.shape == c.y.shape, "\(c.label)")
            expectClose(y.scalars, c.y.data, tolerance: 1e-6, "\(c.label) y")
            try y.backward(seed: c.g.tensor)
            expectClose(x.grad?.scalars ?? [], c.dx.data, tolerance: 1e-6, "\(c.label) dx")
        }
    }
}
