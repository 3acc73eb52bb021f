import Autodiff
import NN

/// Names for the values in a graph, in the session's own words, for the teaching commands.
///
/// A value is called by the name it was given (`a`, `dense_0.W`); a constant by the workspace
/// variable that holds it (`x`), by its part in a model's graph (the batch `x`, the target `y`,
/// a dropout mask `m₁`), or by its value (`2`); a model's intermediate values by the usual
/// letters (`z₁` before an activation, `a₁` after); anything else by its formula when that is
/// short (`(a − y)`), else `t₁`, `t₂`, … in forward order.
struct GraphNames {
    private var names: [ObjectIdentifier: String] = [:]
    private let constants: [ObjectIdentifier: String]
    /// The constants of a model's graph, named by their part (see `ModelConstantRoles`).
    let roles: ModelConstantRoles
    private let numbers: NumberFormat

    /// The longest formula used as a name before falling back to `tₖ`.
    static let maxFormulaLength = 28

    init(root: Node, session: Session) {
        numbers = session.numberFormat
        var constants: [ObjectIdentifier: String] = [:]
        for name in session.variableNames {
            if case .tensor(let t)? = session.workspace[name], t.node == nil { constants[t.storageIdentity] = name }
            if case .dataset(let d)? = session.workspace[name] { constants[d.x.storageIdentity] = "\(name).x"; constants[d.y.storageIdentity] = "\(name).y" }
        }
        self.constants = constants
        let order = Tensor.topologicalOrder(from: root)
        roles = ModelConstantRoles(order: order)
        let activated = GraphNames.layersWithActivation(order)
        var counter = 0
        for n in order {
            let name: String
            if let label = n.label {
                name = label
            } else if let scope = n.scope, let conventional = GraphNames.conventional(n, scope: scope, activated: activated) {
                name = conventional
            } else {
                let formula = n.op.forward(n.inputs.map { self.name(of: $0) }, isScalar: n.shape.isEmpty)
                if formula.count <= GraphNames.maxFormulaLength {
                    name = formula
                } else {
                    counter += 1
                    name = "t" + GraphNames.subscripted(counter)
                }
            }
            names[ObjectIdentifier(n)] = name
        }
    }

    /// A name as the denominator or numerator of ∂: `∂L/∂(a − y)`, `∂a/∂z`.
    static func inDerivative(_ name: String) -> String {
        let compound = name.contains(" ") || name.contains("·") || name.contains("^") || name.contains("/")
        let wrapped = name.hasPrefix("(") && name.hasSuffix(")")
        return compound && !wrapped ? "(\(name))" : name
    }

    /// The name of a node.
    func name(of node: Node) -> String {
        names[ObjectIdentifier(node)] ?? node.label ?? node.op.name
    }

    /// The name of an input as consumed: its node's name, or the constant's.
    func name(of input: Tensor) -> String {
        if let node = input.node { return name(of: node) }
        if let variable = constants[input.storageIdentity] { return variable }
        if let role = roles.names[input.storageIdentity] { return role }
        if input.count == 1, let v = input.scalar {
            let d = Double(v)
            return d == d.rounded() && Swift.abs(d) < 1e6 ? String(Int(d)) : numbers.format(d)
        }
        return input.rank == 2 ? "x" : "c[\(ShapeMath.describe(input.shape))]"
    }

    /// ∂(node)/∂(input i) as a formula in these names; `x^n` with a constant integer n is
    /// simplified (`2·(a − y)`, not `2·(a − y)^(2 − 1)`).
    func localDerivative(_ node: Node, _ i: Int) -> String {
        let inputNames = node.inputs.map { name(of: $0) }
        if node.op == .power, i == 0, node.inputs.count > 1, node.inputs[1].node == nil,
           let n = node.inputs[1].scalar, n == n.rounded(), Swift.abs(n) < 1000 {
            let base = inputNames[0].contains(" ") && !inputNames[0].hasPrefix("(") ? "(\(inputNames[0]))" : inputNames[0]
            switch Int(n) {
            case 0: return "0"
            case 1: return "1"
            case 2: return "2·\(base)"
            default: return "\(Int(n))·\(base)^\(Int(n) - 1)"
            }
        }
        return node.op.localDerivative(of: i, inputNames, isScalar: node.shape.isEmpty)
    }

    /// `z₁` for a dense layer's pre-activation, `a₁` for its activation, `x·W₁` for the product;
    /// any other layer's output by the layer's name (`conv2d_0`, `maxpool2d_0`, `flatten_0`,
    /// `batchnorm_0`, `relu_0`), and a convolution's value before its own activation `conv2d_0.z`. `activated`
    /// holds the scopes whose layer applies an activation of its own (see `layersWithActivation`).
    static func conventional(_ n: Node, scope: String, activated: Set<String> = []) -> String? {
        guard let layer = LayerScope(scope: scope) else { return scope == "loss" ? "L" : nil }
        switch layer.kind {
        case .dense:
            let sub = subscripted(layer.index)
            switch n.op {
            case .add: return "z" + sub
            case .relu, .sigmoid, .tanh, .softmax, .gelu, .leakyRelu: return "a" + sub
            default: return nil
            }
        case .conv2d:
            if case .conv2d = n.op { return activated.contains(scope) ? scope + ".z" : scope }
            return scope
        case .maxpool2d, .avgpool2d, .flatten, .activation:
            return scope
        case .batchnorm, .layernorm, .embedding:
            // The layer's one op; batchnorm at inference is several ops, named by formula.
            switch n.op {
            case .batchNorm, .layerNorm, .embedding: return scope
            default: return nil
            }
        case .dropout:
            // After a dense layer it is aₖ ⊙ mₖ, the recurrence's own terms; else by its layer.
            return ModelConstantRoles.followsOtherLayer(n) ? scope : nil
        }
    }

    /// The scopes of convolution layers whose activation is part of the layer (`conv2d(…,
    /// activation=relu)`): their graph has a node after the convolution in the same scope.
    static func layersWithActivation(_ order: [Node]) -> Set<String> {
        var scopes = Set<String>()
        for n in order {
            guard let scope = n.scope, LayerScope(scope: scope)?.kind == .conv2d else { continue }
            if case .conv2d = n.op { continue }
            scopes.insert(scope)
        }
        return scopes
    }

    static func subscripted(_ k: Int) -> String {
        let digits = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        return String(k).compactMap { $0.wholeNumberValue.map { digits[$0] } }.joined()
    }
}
