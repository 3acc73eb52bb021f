import Autodiff
import Foundation
import Workbench

/// Keeps fuzz inputs from spending the run on legitimate but huge work: small tensors, and an
/// interrupt after a short time per input (as Ctrl-C would stop a long `fit` or `repeat`).
enum FuzzLimits {
    static let sandbox: String = {
        let dir = NSTemporaryDirectory() + "gradbook-fuzz-sandbox"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    static func apply() {
        TensorAllocationLimit.elements = 1 << 20
    }

    static func environment() -> SessionEnvironment {
        let start = Date()
        return SessionEnvironment(interruptRequested: { Date().timeIntervalSince(start) > 0.05 })
    }
}
