import Language

extension Builtins {
    /// Export and import (safetensors, PyTorch, HTML, ipynb).
    static let export: [Builtin] = []
}
