import Foundation

/// The Jupyter kernelspec named `gradbook`: `kernel.json` (how Jupyter starts the wrapper
/// kernel, with the gradbook binary it runs) and a logo.
struct KernelSpec {
    /// The Python interpreter that runs the wrapper kernel (an absolute path).
    let python: String
    /// The gradbook binary the wrapper starts `kernel-server` from (an absolute path).
    let gradbook: String

    static let name = "gradbook"

    /// `kernel.json`. `interrupt_mode: signal`: Jupyter interrupts with SIGINT to the kernel's
    /// process group, which reaches the server's running `fit` directly.
    var json: String {
        let object: [String: Any] = [
            "argv": [python, "-m", "gradbook_kernel", "-f", "{connection_file}"],
            "display_name": "gradbook",
            "language": "gradbook",
            "interrupt_mode": "signal",
            "env": ["GRADBOOK_BINARY": gradbook],
            "metadata": ["file_extension": ".grad", "debugger": false],
        ]
        // Plain strings, numbers and booleans always serialise.
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { preconditionFailure("kernel.json does not serialise") }
        return text + "\n"
    }

    /// The launcher's icon: ∇ on the plots' blue.
    static let logoSVG = """
        <svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
        <rect width="64" height="64" rx="12" fill="#1f77b4"/>
        <text x="32" y="47" font-family="sans-serif" font-size="44" text-anchor="middle" fill="#ffffff">∇</text>
        </svg>

        """

    /// Writes `kernel.json` and `logo-svg.svg` into `folder` (created if missing).
    func write(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try json.write(toFile: folder + "/kernel.json", atomically: true, encoding: .utf8)
        try Self.logoSVG.write(toFile: folder + "/logo-svg.svg", atomically: true, encoding: .utf8)
    }
}
