import Foundation
import Testing
@testable import Autodiff
@testable import NN
@testable import Benchmarks

/// The one parameter API of `Layer`: named params, trainable flags, replacing and detaching,
/// names and shapes, and the layer scope read back from a graph's labels.
struct LayerAPITests {
    private func model(_ specs: [Layer], seed: UInt64 = 0) throws -> Sequential {
        var g = RandomGenerator(seed: seed)
        return try Sequential(specs, using: &g)
    }

    @Test func eachKindNamesItsParams() throws {
        let m = try model([.dense(try Dense(units: 3, activation: .relu, inputSize: 2)), .dropout(try Dropout(rate: 0.5)),
                           .dense(try Dense(units: 1, useBias: false)), .activation(.sigmoid, name: "sigmoid")])
        #expect(m.layers.map(\.kind) == [.dense, .dropout, .dense, .activation])
        #expect(m.layers.map(\.name) == ["dense_0", "dropout_0", "dense_1", "sigmoid_0"])
        #expect(m.layers.map(\.typeName) == ["Dense", "Dropout", "Dense", "Activation"])
        #expect(m.layers.map { $0.namedParameters.map(\.name) } == [["W", "b"], [], ["W"], []])
        #expect(m.layers.map(\.parameterNames) == [["W", "b"], [], ["W", "b"], []])
        #expect(m.layers.allSatisfy { $0.namedParameters.allSatisfy { $0.trainable } })
        #expect(m.namedParameters.map(\.name) == ["dense_0.W", "dense_0.b", "dense_1.W"])
        // The layer's param is the model's, the same tensor storage under the label `scope.name`.
        #expect(m.layers[0].namedParameters[0].value.storageIdentity == m.parameters[0].storageIdentity)
        #expect(m.parameters.map { $0.node?.label } == ["dense_0.W", "dense_0.b", "dense_1.W"])
        #expect(m.trainableParameters.count == 3 && m.trainableParameterCount == m.parameterCount)
        #expect(m.parameterCount == 2 * 3 + 3 + 3 * 1)
        #expect(m.layers[2].absenceReason(ofParameter: "b") != nil && m.layers[0].absenceReason(ofParameter: "b") == nil)
    }

    @Test func outputShapesPerSampleAndTheirErrors() throws {
        let m = try model([.dense(try Dense(units: 4, inputSize: 3)), .activation(.relu, name: "relu"), .dense(try Dense(units: 2))])
        #expect(m.inputShape == [3] && m.inputSize == 3)
        #expect(m.layerOutputShapes == [[4], [4], [2]])
        #expect(m.outputShape == [2] && m.outputSize == 2)
        #expect(try m.layers[1].outputShape(inputShape: [7, 5]) == [7, 5])
        #expect(throws: NNError.layerShapeMismatch(layer: "dense_1", expected: [nil, 4], got: [nil, 5])) {
            _ = try m.layers[2].outputShape(inputShape: [5])
        }
        // A dense layer takes one axis per sample: a [c, h, w] sample needs a flatten first.
        #expect(throws: NNError.layerShapeMismatch(layer: "dense_1", expected: [nil, 4], got: [nil, 1, 2, 2])) {
            _ = try m.layers[2].outputShape(inputShape: [1, 2, 2])
        }
    }

    @Test func replacingMakesFreshParamsButValuesKeepIdentity() throws {
        var m = try model([.dense(try Dense(units: 2, inputSize: 2))])
        let old = m.parameters
        let values = [try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]), Tensor([5, 6])]

        var replaced = m
        try replaced.setParameters(values)
        #expect(replaced.parameters.map(\.scalars) == [[1, 2, 3, 4], [5, 6]])
        #expect(replaced.parameters.map { $0.node?.label } == ["dense_0.W", "dense_0.b"])
        #expect(replaced.parameters[0].node !== old[0].node)

        try m.setParameterValues(values)
        #expect(m.parameters.map(\.scalars) == [[1, 2, 3, 4], [5, 6]])
        #expect(zip(m.parameters, old).allSatisfy { $0.node === $1.node })
        #expect(throws: NNError.self) { try m.setParameters([values[0]]) }
    }

    @Test func detachedCopyKeepsValuesAndRecordsNoGraph() throws {
        let m = try model([.dense(try Dense(units: 2, activation: .tanh, inputSize: 3)), .dropout(try Dropout(rate: 0.3))])
        let frozen = m.detachedForInference()
        #expect(frozen.parameters.map(\.scalars) == m.parameters.map(\.scalars))
        #expect(frozen.parameters.allSatisfy { !$0.requiresGrad })
        #expect(m.parameters.allSatisfy { $0.requiresGrad })
        var g = RandomGenerator(seed: 0)
        let x = try Tensor(shape: [1, 3], scalars: [0.5, -1, 2])
        let y = try frozen.forward(x, generator: &g)
        #expect(!y.requiresGrad)
        // A naive forward: tanh(x · W + b), dropout the identity at inference.
        let w = m.parameters[0].scalars, b = m.parameters[1].scalars
        for j in 0..<2 {
            let z = (0..<3).reduce(Double(b[j])) { $0 + Double(x.scalars[$1]) * Double(w[$1 * 2 + j]) }
            #expect(Swift.abs(Double(y.scalars[j]) - Foundation.tanh(z)) < 1e-6)
        }
    }

    @Test func scopesReadBackTheirKindAndIndex() throws {
        let scope = try #require(LayerScope(scope: "dense_12"))
        #expect(scope.kind == .dense && scope.index == 12 && scope.parameter == nil)
        #expect(LayerScope(scope: "leaky_relu_1")?.kind == .activation)
        #expect(LayerScope(scope: "dropout_0")?.kind == .dropout)
        let label = try #require(LayerScope(label: "dense_1.W"))
        #expect(label.kind == .dense && label.index == 1 && label.parameter == "W")
        #expect(LayerScope(label: "dense_1") == nil && LayerScope(label: "x.W") == nil)
        for notALayer in ["loss", "dense", "dense_", "dense_x", "conv_0", "dense_-1", "w"] {
            #expect(LayerScope(scope: notALayer) == nil, "\(notALayer)")
        }
        let m = try model([.dense(try Dense(units: 2, inputSize: 2)), .activation(.relu, name: "relu"), .dense(try Dense(units: 1))])
        for layer in m.layers {
            #expect(LayerScope(scope: layer.name)?.kind == layer.kind)
            #expect(m.layer(scope: layer.name)?.name == layer.name)
        }
    }

    /// Stops the fit after a given number of steps, as Ctrl-C does.
    private final class StopAfter: TrainingObserver {
        let steps: Int
        private(set) var seen = 0
        init(steps: Int) { self.steps = steps }
        func stepEnded(_ progress: TrainingProgress) { seen += 1 }
        func epochEnded(_ progress: TrainingProgress) {}
        var shouldStop: Bool { seen >= steps }
    }

    @Test func aFitThatEndsMidwayKeepsTheOptimizerState() throws {
        var g = RandomGenerator(seed: 4)
        let x = try Tensor.normal([16, 10], using: &g)
        let y = try Tensor.matmul(x, try Tensor.normal([10, 1], using: &g)).map { $0 > 0 ? 1 : 0 }.reshaped([-1])
        var model = try TrainingBenchmark.seedModel(seed: 1)
        // Two steps an epoch; the observer stops the fit at the start of the second epoch, an
        // exit in the middle of the loop, after which the optimizer must still know its 2 steps.
        let before = model.parameters.map(\.scalars)
        let outcome = try model.fit(x: x, y: y, options: FitOptions(epochs: 3, batchSize: 8), generator: &g,
                                    observer: StopAfter(steps: 2))
        #expect(outcome == .interrupted(epoch: 2, steps: 0))
        #expect(model.parameters.map(\.scalars) != before)
        #expect(model.compilation?.optimizer.steps == 2)
    }

    @Test func validationDataOfTheWrongShapeFailsBeforeAnyStep() throws {
        var g = RandomGenerator(seed: 4)
        let x = try Tensor.normal([16, 10], using: &g)
        let y = try Tensor.matmul(x, try Tensor.normal([10, 1], using: &g)).map { $0 > 0 ? 1 : 0 }.reshaped([-1])
        var model = try TrainingBenchmark.seedModel(seed: 1)
        let badValidation = (x: try Tensor.zeros([4, 3]), y: try Tensor.zeros([4]))
        let before = model.parameters.map(\.scalars)
        #expect(throws: NNError.dataShapeMismatch(expected: [nil, 10], got: [4, 3])) {
            _ = try model.fit(x: x, y: y, validation: badValidation, options: FitOptions(epochs: 3, batchSize: 8), generator: &g)
        }
        #expect(model.parameters.map(\.scalars) == before)
        #expect(model.compilation?.optimizer.steps == 0)
    }

    /// Any layer may declare the model's input when it is first; dropout too (`dropout(0.2, input=4)`).
    @Test func dropoutDeclaresTheInputAsTheFirstLayer() throws {
        let m = try model([.dropout(try Dropout(rate: 0.2, inputShape: [4])), .dense(try Dense(units: 1))])
        #expect(m.inputShape == [4])
        #expect(m.layerOutputShapes == [[4], [1]])
        #expect(throws: NNError.self) { try Dropout(rate: 0.2, inputShape: [1 << 40, 1 << 40]) }
    }
}
