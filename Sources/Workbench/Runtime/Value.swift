import Autodiff
import Language
import NN
import Datasets

/// A value of gradbook's language.
///
/// Numbers are 0-d tensors. Everything but functions is a value type, so a snapshot of the
/// workspace (for `undo`, and to roll a failed statement back) is a cheap copy: tensors share
/// their storage until one side writes to it.
///
/// The rarely copied kinds (layers, models, datasets, optimizers, schedules, functions, histories) are
/// boxed (`indirect`): a `Value` is copied several times per statement, and their inline
/// payloads made every copy a 129-byte memcpy (a quarter of the interpreter's time per
/// statement); boxed, a copy of one is a retain.
public enum Value {
    case tensor(Tensor)
    case string(String)
    case bool(Bool)
    /// A list of non-numbers, e.g. `[accuracy, mse]` (a list of numbers is a tensor).
    case list([Value])
    indirect case layer(Layer)
    indirect case model(Sequential)
    indirect case dataset(Dataset)
    indirect case optimizer(Optimizer)
    /// A learning rate that changes with the epoch: `cosine(0.01, epochs=20)`.
    indirect case schedule(LearningRateSchedule)
    indirect case function(UserFunction)
    /// A built-in referred to by name: `relu` passed to `dense`, `bce` to `compile`.
    case builtin(String)
    indirect case history(History)
    /// A shape, printed as `[3, 4]` (shapes and counts print as integers).
    case shape([Int])
    /// A count or a dimension, printed without decimals.
    case integer(Int)
    /// What a statement that only reports yields.
    case nothing

    /// The kind as people read it in messages and `vars`: `number`, `tensor`, `param`, …
    public var kind: String {
        switch self {
        case .tensor(let t):
            if t.node?.isLeaf == true { return "param" }
            return t.rank == 0 ? "number" : "tensor"
        case .string: return "string"
        case .bool: return "bool"
        case .list: return "list"
        case .layer: return "layer"
        case .model: return "model"
        case .dataset: return "dataset"
        case .optimizer: return "optimizer"
        case .schedule: return "schedule"
        case .function: return "function"
        case .builtin: return "built-in"
        case .history: return "history"
        case .shape: return "shape"
        case .integer: return "integer"
        case .nothing: return "nothing"
        }
    }

    /// The value as a tensor, if it is one (an integer is a number).
    public var tensor: Tensor? {
        switch self {
        case .tensor(let t): return t
        case .integer(let i): return Tensor(Float(i))
        default: return nil
        }
    }
}

/// A function defined with `def`: its parameters and body, evaluated in a scope of its own
/// that can read the workspace.
public struct UserFunction {
    public let name: String
    public let parameters: [String]
    public let body: FunctionBody
    /// The file access of the code that defined it: a function from an untrusted script stays
    /// confined to that script's folders wherever it is called from (at the prompt after
    /// `gradbook lesson.grad`, too).
    public let confinement: FileAccessPolicy

    public init(name: String, parameters: [String], body: FunctionBody, confinement: FileAccessPolicy = .unrestricted) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.confinement = confinement
    }
}
