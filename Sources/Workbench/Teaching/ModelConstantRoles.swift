import Autodiff
import NN

/// Names for the constants of a model's graph by the part they play, in the letters the
/// math uses: the batch `x` (what the first layer takes in), the target `y` (what the
/// loss compares the prediction with) and a dropout mask `mₖ` (what multiplies aₖ, the output
/// of dense layer k; after any other kind of layer, `dropout_0.mask`). A batch cut from a
/// dataset is a fresh tensor, not a workspace variable, so without these roles all three would
/// print alike.
struct ModelConstantRoles {
    /// Constant storage → its name.
    private(set) var names: [ObjectIdentifier: String] = [:]
    /// The dense layer index each dropout mask follows (nil: it masks the model's input).
    private(set) var masks: [(name: String, afterLayer: Int?, mask: Tensor)] = []

    init(order: [Node]) {
        // Only a graph made by a model has layer scopes; any other graph keeps its names.
        guard order.contains(where: { $0.scope == "loss" || ModelConstantRoles.layer(of: $0) != nil }) else { return }
        var used = Set<String>()
        for n in order {
            let kind = ModelConstantRoles.layer(of: n)?.kind
            if kind == .dropout, n.op == .multiply, n.inputs.count == 2, n.inputs[1].node == nil,
               ModelConstantRoles.followsOtherLayer(n), let scope = n.scope {
                // Not after a dense layer's aₖ: named by its own layer (`dropout_0.mask`).
                names[n.inputs[1].storageIdentity] = "\(scope).mask"
            } else if kind == .dropout, n.op == .multiply, n.inputs.count == 2, n.inputs[1].node == nil {
                let layer = ModelConstantRoles.denseLayer(feeding: n)
                var name = "m" + (layer.map(GraphNames.subscripted) ?? "ₓ")
                while used.contains(name) { name += "′" }
                used.insert(name)
                names[n.inputs[1].storageIdentity] = name
                masks.append((name, layer, n.inputs[1]))
            } else if kind != nil, n.inputs.first?.node == nil, let input = n.inputs.first {
                // A layer's data input is a constant only in the first layer: the batch.
                names[input.storageIdentity] = names[input.storageIdentity] ?? "x"
            }
        }
        // What is left and is more than one number is the target: consumed by the loss or
        // by the ops a loss is made of (outside every layer's scope).
        for n in order where n.scope == nil || n.scope == "loss" {
            for input in n.inputs where input.node == nil && input.count > 1 && names[input.storageIdentity] == nil {
                names[input.storageIdentity] = "y"
            }
        }
    }

    /// The dense layer whose output reaches a dropout node through its first input (across
    /// activation layers), or nil when it is the model's input.
    static func denseLayer(feeding n: Node) -> Int? {
        var current = n.inputs.first?.node
        while let c = current {
            if let scope = layer(of: c), scope.kind == .dense { return scope.index }
            current = c.inputs.first?.node
        }
        return nil
    }

    /// Whether the first layer below a dropout node (across activation layers) is neither a
    /// dense layer nor the model's input: a convolution, a pooling, a normalization, …
    static func followsOtherLayer(_ n: Node) -> Bool {
        var current = n.inputs.first?.node
        while let c = current {
            if let kind = layer(of: c)?.kind, kind != .activation, kind != .dropout { return kind != .dense }
            current = c.inputs.first?.node
        }
        return false
    }

    /// The model layer whose scope `n` is in, if any.
    static func layer(of n: Node) -> LayerScope? {
        n.scope.flatMap(LayerScope.init(scope:))
    }

    /// The mask's scale 1/(1 − p): the value of its kept entries (0 when every entry was dropped).
    static func keptValue(_ mask: Tensor) -> Float {
        mask.scalars.max() ?? 0
    }
}
