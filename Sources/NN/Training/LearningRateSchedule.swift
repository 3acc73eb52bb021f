#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A learning rate that changes with the epoch: the value an optimizer's `lr` can hold
/// instead of a number (`adam(lr=cosine(0.01, epochs=20))`).
///
/// e is the number of epochs the optimizer has trained, counted from 0 across fits; the rate
/// of epoch e is set when that epoch starts:
/// - **step_decay**: lr · factor^⌊e / every⌋
/// - **exp_decay**: lr · rateᵉ
/// - **cosine**: min + (lr − min)·(1 + cos(π·e/N))/2 for e < N, then min (SGDR without restarts)
/// - **warmup**: (e + 1)/k of the wrapped schedule's rate for e < k, then the wrapped rate
public indirect enum LearningRateSchedule: Sendable, Equatable {
    case constant(Double)
    case stepDecay(initial: Double, factor: Double, every: Int)
    case exponentialDecay(initial: Double, rate: Double)
    case cosine(initial: Double, epochs: Int, minimum: Double)
    case warmup(LearningRateSchedule, epochs: Int)

    /// Checks every number against its range, throwing an error that names that range.
    public init(validating schedule: LearningRateSchedule) throws(NNError) {
        switch schedule {
        case .constant(let lr):
            try Self.checkRate(lr, "lr")
        case let .stepDecay(lr, factor, every):
            try Self.checkRate(lr, "lr")
            guard factor.isFinite, factor > 0, factor <= 1 else {
                throw .invalidOption(name: "factor", message: "must be in (0, 1], got \(Self.number(factor))")
            }
            guard every >= 1 else { throw .invalidOption(name: "every", message: "must be at least 1 epoch, got \(every)") }
        case let .exponentialDecay(lr, rate):
            try Self.checkRate(lr, "lr")
            guard rate.isFinite, rate > 0, rate <= 1 else {
                throw .invalidOption(name: "rate", message: "must be in (0, 1], got \(Self.number(rate))")
            }
        case let .cosine(lr, epochs, minimum):
            try Self.checkRate(lr, "lr")
            guard epochs >= 1 else { throw .invalidOption(name: "epochs", message: "must be at least 1, got \(epochs)") }
            guard minimum.isFinite, minimum >= 0, minimum <= lr else {
                throw .invalidOption(name: "min", message: "must be in [0, lr] = [0, \(Self.number(lr))], got \(Self.number(minimum))")
            }
        case let .warmup(inner, epochs):
            _ = try LearningRateSchedule(validating: inner)
            guard epochs >= 1 else { throw .invalidOption(name: "epochs", message: "must be at least 1, got \(epochs)") }
        }
        self = schedule
    }

    private static func checkRate(_ lr: Double, _ name: String) throws(NNError) {
        guard lr.isFinite, lr >= 0 else {
            throw .invalidOption(name: name, message: "must be a finite number ≥ 0, got \(Self.number(lr))")
        }
    }

    /// The rate of epoch `e` (from 0; a negative e is taken as 0).
    public func rate(atEpoch e: Int) -> Double {
        let e = Swift.max(e, 0)
        switch self {
        case .constant(let lr):
            return lr
        case let .stepDecay(lr, factor, every):
            return lr * pow(factor, Double(e / Swift.max(every, 1)))  // every ≥ 1 once validated
        case let .exponentialDecay(lr, rate):
            return lr * pow(rate, Double(e))
        case let .cosine(lr, epochs, minimum):
            guard e < epochs else { return minimum }
            return minimum + (lr - minimum) * (1 + cos(Double.pi * Double(e) / Double(epochs))) / 2
        case let .warmup(inner, epochs):
            let base = inner.rate(atEpoch: e)
            return e < epochs ? base * Double(e + 1) / Double(epochs) : base
        }
    }

    /// How many epochs show the schedule's whole shape when it is plotted: cosine's N, four
    /// steps of a step decay, past a warmup; nil when nothing in it ends (exp_decay, a number).
    public var horizon: Int? {
        switch self {
        case .constant, .exponentialDecay: return nil
        case let .stepDecay(_, _, every): return Swift.min(every, Int.max / 4) * 4
        case let .cosine(_, epochs, _): return epochs
        case let .warmup(inner, epochs): return Swift.max(inner.horizon ?? 0, Swift.min(epochs, Int.max / 2) * 2)
        }
    }

    /// The built-in names, for completion and messages.
    public static let names = ["step_decay", "exp_decay", "cosine", "warmup"]
}

extension LearningRateSchedule: CustomStringConvertible {
    /// The call that makes it, with every option written out: `cosine(0.01, epochs=20, min=0)`.
    public var description: String {
        switch self {
        case .constant(let lr): return Self.number(lr)
        case let .stepDecay(lr, factor, every): return "step_decay(\(Self.number(lr)), factor=\(Self.number(factor)), every=\(every))"
        case let .exponentialDecay(lr, rate): return "exp_decay(\(Self.number(lr)), rate=\(Self.number(rate)))"
        case let .cosine(lr, epochs, minimum): return "cosine(\(Self.number(lr)), epochs=\(epochs), min=\(Self.number(minimum)))"
        case let .warmup(inner, epochs): return "warmup(\(inner), epochs=\(epochs))"
        }
    }

    /// The shortest text that reads back as the same float32 (the language's numbers are
    /// float32, so `0.01` typed is 0.0099999998 here and prints as `0.01`), `0` for zero.
    public static func number(_ x: Double) -> String {
        if x == x.rounded(), Swift.abs(x) < 1e6 { return String(Int(x)) }
        return "\(Float(x))"
    }
}
