import Testing
import Autodiff
import NN
@testable import Interop

/// The PyTorch export of models of images: conv2d (stride, padding numbers and `same`, also
/// for an even kernel), max and average pooling, flatten, activations and dropout after them.
/// In the same serialized suite as the dense checks, since each starts torchrun.
extension PyTorchExportTests {
    /// conv2d → maxpool → conv2d (stride 2) → avgpool → flatten → dense softmax, on 1×10×10 images.
    static func strideModel(using g: inout RandomGenerator) throws -> Sequential {
        try Sequential([
            .conv2d(try Conv2D(filters: 4, kernelSize: 3, activation: .relu, inputShape: [1, 10, 10])),
            .pooling(try Pooling2D(.max, size: 2)),
            .conv2d(try Conv2D(filters: 6, kernelSize: 2, stride: 2, activation: .tanh)),
            .pooling(try Pooling2D(.average, size: 2)),
            .flatten(try Flatten()),
            .dense(try Dense(units: 3, activation: .softmax)),
        ], using: &g)
    }

    /// Two channels of 7×9 (not square, odd sizes): an even kernel with padding=same (the odd
    /// zero goes after), dropout, overlapping max windows, padding=1 without a bias, a separate
    /// activation, average windows with stride 1, flatten, dense sigmoid.
    static func paddingModel(using g: inout RandomGenerator) throws -> Sequential {
        try Sequential([
            .conv2d(try Conv2D(filters: 3, kernelSize: 2, padding: .same, activation: .leakyRelu, inputShape: [2, 7, 9])),
            .dropout(try Dropout(rate: 0.1)),
            .pooling(try Pooling2D(.max, size: 3, stride: 2)),
            .conv2d(try Conv2D(filters: 4, kernelSize: 3, padding: .zeros(1), useBias: false)),
            .activation(.relu, name: ""),
            .pooling(try Pooling2D(.average, size: 2, stride: 1)),
            .flatten(try Flatten()),
            .dense(try Dense(units: 1, activation: .sigmoid)),
        ], using: &g)
    }

    @Test func imageModelScriptBuildsEachLayerAndReshapesRowsToTheDeclaredInput() throws {
        var g = RandomGenerator(seed: 3)
        let text = PyTorchScript(try Self.paddingModel(using: &g), weightsFileName: "m.safetensors").text
        for expected in [
            "INPUTS = 126\nINPUT_SHAPE = (2, 7, 9)",
            "x = x.reshape(-1, *INPUT_SHAPE)",
            #"("conv2d_0_pad", nn.ZeroPad2d((0, 1, 0, 1))),"#, #"("conv2d_0", nn.Conv2d(2, 3, 2, stride=1, padding=0)),"#, #"("conv2d_0_leaky_relu", nn.LeakyReLU(0.01)),"#,
            #"("dropout_0", nn.Dropout(0.1)),"#, #"("maxpool2d_0", nn.MaxPool2d(3, stride=2)),"#,
            #"("conv2d_1", nn.Conv2d(3, 4, 3, stride=1, padding=1, bias=False)),"#, #"("relu_0", nn.ReLU()),"#,
            #"("avgpool2d_0", nn.AvgPool2d(2, stride=1)),"#, #"("flatten_0", nn.Flatten()),"#,
            // [4, 3, 4] after the first pool and the padded conv, [4, 2, 3] after the second pool.
            #"("dense_0", nn.Linear(24, 1)),"#, "self.head = nn.Sigmoid()",
            "Architecture: 2×7×9 → conv2d_0 3×2×2 leaky_relu", "its [2, 7, 9] image flattened in row-major order",
        ] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
        let reshape = try #require(text.range(of: "x = x.reshape(-1, *INPUT_SHAPE)"))
        let body = try #require(text.range(of: "z = self.body(x)"))
        #expect(reshape.upperBound < body.lowerBound, "the rows are reshaped before the first layer sees them")
        // An odd kernel with padding=same is PyTorch's 'same' as it is.
        let odd = try Sequential([.conv2d(try Conv2D(filters: 2, kernelSize: 3, padding: .same, inputShape: [1, 4, 4])),
                                  .flatten(try Flatten()), .dense(try Dense(units: 1))], using: &g)
        #expect(PyTorchScript(odd, weightsFileName: "m.safetensors").text.contains("nn.Conv2d(1, 2, 3, stride=1, padding='same')"))
        // A model of rows keeps its rows: no reshape, no INPUT_SHAPE.
        let dense = PyTorchScript(try sampleModel(), weightsFileName: "m.safetensors").text
        #expect(!dense.contains("INPUT_SHAPE"))
    }

    @Test func imageModelArchitectureRecordsItsInputShape() throws {
        var g = RandomGenerator(seed: 3)
        let architecture = ModelArchitecture(try Self.strideModel(using: &g))
        #expect(architecture.inputShape == [1, 10, 10] && architecture.inputSize == 100)
        let text = architecture.json.serialized()
        #expect(text.hasPrefix(#"{"input":100,"input_shape":[1,10,10],"layers":"#), "\(text)")
        #expect(ModelArchitecture(json: try JSONParser.parse(text)) == architecture)
        // A shape that does not multiply to the feature count is not an architecture gradbook wrote.
        let wrong = text.replacingOccurrences(of: "[1,10,10]", with: "[1,10,9]")
        #expect(ModelArchitecture(json: try JSONParser.parse(wrong)) == nil)
        #expect(!ModelArchitecture(try sampleModel()).json.serialized().contains("input_shape"))
    }

    /// The exported script's predictions on the rows match gradbook's `predict` within 1e-5, it
    /// trains images (and under torchrun), saves gradbook's layout, and — for the model without
    /// dropout, trained with sgd — ends the same training with gradbook's params.
    @Test(.enabled(if: Tooling.hasTorch, "needs python3 with torch and numpy: pip install torch numpy"),
          arguments: [false, true])
    func torchAgreesWithGradbookOnImages(padding: Bool) throws {
        var g = RandomGenerator(seed: 21)
        var model = padding ? try Self.paddingModel(using: &g) : try Self.strideModel(using: &g)
        let loss: LossFunction = padding ? .bce : .categoricalCrossEntropy
        model.compilation = Compilation(optimizer: try .sgd(lr: 0.1, momentum: 0.9), loss: loss, metrics: [.accuracy])
        let x = try Tensor.normal([40] + model.inputShape, using: &g)
        try Self.expectTorchAgrees(with: &model, on: x, sameTraining: !padding, using: &g)
    }
}
