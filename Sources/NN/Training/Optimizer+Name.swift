/// The optimizers by the name people type, so that every list of them (help, errors) is
/// `Optimizer.Name.allCases` and a new optimizer cannot be missing from one.
extension Optimizer {
    public enum Name: String, Sendable, CaseIterable {
        case sgd, adam, adamw, rmsprop
    }

    /// Which optimizer this is (`adam`), whatever its settings.
    public var kindName: Name {
        switch kind {
        case .sgd: .sgd
        case .adam: .adam
        case .adamw: .adamw
        case .rmsprop: .rmsprop
        }
    }

    /// The optimizer with Keras's defaults, as `optimizer=adam` gives it.
    public static func withDefaults(_ name: Name) -> Optimizer {
        // The defaults are finite learning rates, which `init` accepts, so these never throw.
        let made: Optimizer?
        switch name {
        case .sgd: made = try? .sgd()
        case .adam: made = try? .adam()
        case .adamw: made = try? .adamw()
        case .rmsprop: made = try? .rmsprop()
        }
        guard let made else { preconditionFailure("the default \(name.rawValue) was refused") }
        return made
    }
}
