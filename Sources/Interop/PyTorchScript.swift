import NN

/// A readable PyTorch script that rebuilds a gradbook model, loads its weights from the
/// safetensors file beside it, and can continue training or print predictions
/// (`export model "m.py" format=pytorch`).
///
/// The script needs only `torch` and `numpy`: it reads and writes safetensors itself (the format
/// is a JSON header and raw little-endian floats). It mirrors what gradbook computes: the same
/// layers, the loss computed on the same side of the last activation (bce after a sigmoid is
/// computed on the logits, as gradbook fuses it), Keras-equivalent optimizer settings, and
/// Keras's probability clipping where gradbook clips. Under `torchrun` (WORLD_SIZE > 1) it
/// trains with DistributedDataParallel unchanged.
public struct PyTorchScript: Sendable {
    public let architecture: ModelArchitecture
    /// Optimizer settings and loss; nil for a model that was never compiled (the script can
    /// then predict but not train).
    public let training: TrainingSettings?
    /// The weights file's name, relative to the script's folder.
    public let weightsFileName: String
    /// The model's workspace name, for the docstring.
    public let modelName: String

    /// What the script needs from `compile`: plain values, so the script is a pure function of them.
    public struct TrainingSettings: Sendable, Equatable {
        public var optimizer: Optimizer.Kind
        public var learningRate: Float
        public var loss: LossFunction
        public var metrics: [Metric]

        public init(optimizer: Optimizer.Kind, learningRate: Float, loss: LossFunction, metrics: [Metric]) {
            self.optimizer = optimizer
            self.learningRate = learningRate
            self.loss = loss
            self.metrics = metrics
        }

        public init(_ compilation: Compilation) {
            self.init(optimizer: compilation.optimizer.kind, learningRate: compilation.optimizer.learningRate,
                      loss: compilation.loss, metrics: compilation.metrics)
        }
    }

    public init(architecture: ModelArchitecture, training: TrainingSettings?, weightsFileName: String, modelName: String = "model") {
        self.architecture = architecture
        self.training = training
        self.weightsFileName = weightsFileName
        self.modelName = modelName
    }

    public init(_ model: Sequential, weightsFileName: String, modelName: String = "model") {
        self.init(architecture: ModelArchitecture(model), training: model.compilation.map(TrainingSettings.init),
                  weightsFileName: weightsFileName, modelName: modelName)
    }

    /// The script's text.
    public var text: String {
        [docstring, PyTorchScript.imports, constants, modelClass, PyTorchScript.weightsIO,
         optimizerFunction, lossFunction, metricsFunction, PyTorchScript.dataLoading,
         PyTorchScript.trainingLoop, PyTorchScript.mainFunction].joined(separator: "\n\n\n") + "\n"
    }

    private var docstring: String {
        let trainingLine = training.map { t in
            "\(optimizerDescription(t)), loss \(t.loss.rawValue)"
                + (t.metrics.isEmpty ? "" : ", metrics " + t.metrics.map(\.rawValue).joined(separator: ", "))
        } ?? "not compiled in gradbook (this script predicts but does not train)"
        return #"""
        #!/usr/bin/env python3
        """A PyTorch twin of the gradbook model `\#(modelName)`, exported by gradbook \#(GradbookVersion.string).

        Architecture: \#(architecture.summary)
        Weights:      \#(weightsFileName), beside this file (gradbook stores a dense W as [in, out];
                      it is transposed here to PyTorch's [out, in]; conv kernels are [filters, c, kh, kw] in both)
        Training:     \#(trainingLine)

        Usage:
          python3 \#(scriptFileName) --predict inputs.csv          print predictions, one row per line
          python3 \#(scriptFileName) data.csv --epochs 5           continue training (targets: the columns after
                                                       the first \#(architecture.inputSize), or --target NAME)
          python3 \#(scriptFileName) data.npy --save out.safetensors   train, then save in gradbook's layout
          torchrun --nproc_per_node=2 \#(scriptFileName) data.csv  the same, data-parallel (DistributedDataParallel)
        \#(inputNote)
        Needs torch and numpy; data files are CSV with a header row (as gradbook's `load`) or .npy.
        """
        """#
    }

    /// For a model of images, how a row of a data file becomes an image.
    private var inputNote: String {
        guard architecture.inputShape.count > 1 else { return "" }
        let shape = architecture.inputShape.map(String.init).joined(separator: ", ")
        return "\nA sample's \(architecture.inputSize) features are its [\(shape)] image flattened in row-major order\n"
            + "(channel by channel, then row by row), as gradbook's `flatten` orders them.\n"
    }

    private var constants: String {
        let shape = architecture.inputShape.count > 1
            ? "\nINPUT_SHAPE = (" + architecture.inputShape.map(String.init).joined(separator: ", ") + ")  # one sample, [c, h, w]" : ""
        return #"""
        HERE = os.path.dirname(os.path.abspath(__file__))
        WEIGHTS = os.path.join(HERE, \#(PyTorchScript.pythonString(weightsFileName)))
        INPUTS = \#(architecture.inputSize)\#(shape)
        """#
    }

    /// The script's own name, for its usage lines: `m.safetensors` → `m.py`.
    var scriptFileName: String {
        (weightsFileName.hasSuffix(".safetensors") ? String(weightsFileName.dropLast(12)) : weightsFileName) + ".py"
    }

    /// A Python string literal (JSON's escapes are valid Python).
    static func pythonString(_ s: String) -> String {
        var out = ""
        JSONValue.writeString(s, into: &out)
        return out
    }

    /// A float literal Python reads back as the same float32 value.
    static func pythonFloat(_ x: Float) -> String {
        let text = "\(x)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }
}
