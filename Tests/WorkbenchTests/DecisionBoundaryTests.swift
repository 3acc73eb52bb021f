import Testing
@testable import Workbench
@testable import Plots

struct DecisionBoundaryTests {
    static func fourCorners(_ predict: ([SIMD2<Double>]) throws -> DecisionBoundary.Predictions) throws -> DecisionBoundary {
        try DecisionBoundary(x: [0, 1, 0, 1], y: [0, 0, 1, 1], labels: [0, 0, 1, 1],
                             resolution: .init(columns: 40, rows: 20), predict: predict)
    }

    @Test func golden() throws {
        let b = try Self.fourCorners { .classes($0.map { $0.y > 0.5 ? 1 : 0 }) }
        #expect(b.terminal(width: 40, height: 12) == """
        1.0 ┤░░x░░░░░░░░░░░░░░░░░░░░░░░░░░░░░x░░
            │░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░
            │░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░
        0.5 ┤
            │
            │
        0.0 ┤  o                             o
            └──┬──────────────┬──────────────┬──
              0.0            0.5            1.0
         o class 0 (2)  x class 1 (2)
         [ ] predicted class 0
         [░] predicted class 1
         accuracy on these 4 points: 1.0000 (0 misclassified)
        """)
    }

    @Test func predictorSeesTheGridThenThePoints() throws {
        var seen: [SIMD2<Double>] = []
        _ = try Self.fourCorners { batch in
            seen = batch
            return .classes(Array(repeating: 0, count: batch.count))
        }
        #expect(seen.count == 40 * 20 + 4)
        #expect(Array(seen.suffix(4)) == [SIMD2(0, 0), SIMD2(1, 0), SIMD2(0, 1), SIMD2(1, 1)])
        // Row by row from the top-left, covering the data with room to spare.
        #expect(seen[0].x < 0 && seen[0].y > 1)
        #expect(seen[39].x > 1 && seen[39].y == seen[0].y)
        #expect(seen[799].x > 1 && seen[799].y < 0)
    }

    @Test func outputsBecomeClassesAndAccuracy() throws {
        let sigmoid = try Self.fourCorners { .outputs($0.map { Float($0.x) }, width: 1) }
        #expect(sigmoid.predicted == [0, 1, 0, 1])
        #expect(sigmoid.accuracy == 0.5)
        let softmax = try Self.fourCorners { batch in .outputs(batch.flatMap { [Float(1 - $0.y), Float($0.y), 0] }, width: 3) }
        #expect(softmax.predicted == [0, 0, 1, 1])
        #expect(softmax.classCount == 2)
        #expect(softmax.terminal().contains("accuracy on these 4 points: 1.0000 (0 misclassified)"))
    }

    @Test func misclassifiedPointsStayVisible() throws {
        // Two points in one cell: the misclassified one is drawn on top.
        let b = try DecisionBoundary(x: [0, 0.0001, 5], y: [0, 0, 5], labels: [1, 0, 0], resolution: .init(columns: 10, rows: 10)) {
            .classes(Array(repeating: 0, count: $0.count))
        }
        #expect(b.pointsInDrawingOrder == [1, 2, 0])
        #expect(b.terminal(width: 30, height: 10).contains("x"))
    }

    @Test func problemsAreErrors() {
        #expect(throws: PlotError.predictionCount(expected: 804, got: 3)) { try Self.fourCorners { _ in .classes([0, 1, 0]) } }
        #expect(throws: PlotError.invalidClass(-1)) { try Self.fourCorners { .classes(Array(repeating: -1, count: $0.count)) } }
        #expect(throws: PlotError.invalidClass(10)) { try Self.fourCorners { .outputs(Array(repeating: 0, count: $0.count * 11), width: 11) } }
        #expect(throws: PlotError.noData("the data has no rows")) {
            try DecisionBoundary(x: [], y: [], labels: []) { .classes(Array(repeating: 0, count: $0.count)) }
        }
        #expect(throws: PlotError.lengthMismatch(x: 2, y: 1)) {
            try DecisionBoundary(x: [1, 2], y: [1], labels: [0, 0]) { .classes(Array(repeating: 0, count: $0.count)) }
        }
        struct ModelFailed: Error {}
        #expect(throws: ModelFailed.self) { try Self.fourCorners { _ in throw ModelFailed() } }
    }

    @Test func degenerateDataIsDrawn() throws {
        let one = try DecisionBoundary(x: [3], y: [3], labels: [0]) { .classes(Array(repeating: 0, count: $0.count)) }
        #expect(one.terminal().contains("o"))
        let skipped = try DecisionBoundary(x: [0, .nan, 1], y: [0, 1, 1e308], labels: [0, 1, 1]) { .classes(Array(repeating: 1, count: $0.count)) }
        #expect(skipped.notes == ["note: 1 of 3 points have a NaN or infinite coordinate and were skipped"])
        #expect(SVGInspector(skipped.svg()).wellFormed)
    }

    @Test func svgHasRegionsAndOnePointGroupPerClass() throws {
        let b = try Self.fourCorners { .outputs($0.map { Float($0.y) }, width: 1) }
        let svg = SVGInspector(b.svg())
        #expect(svg.wellFormed, "\(svg.error ?? "")")
        #expect(svg.all("g", class: "points").count == 2)
        #expect(svg.count("circle", inside: "points") == 2, "class 0's two points are circles")
        #expect(svg.count("rect", inside: "regions") >= 20, "at least one run per grid row")
        #expect(svg.count("rect", inside: "regions") < 40 * 20, "runs of equal cells are merged")
    }
}
