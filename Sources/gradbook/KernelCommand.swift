import ArgumentParser
import Foundation

/// `gradbook kernel install`: makes gradbook a Jupyter kernel (JupyterLab, Notebook, VS Code,
/// `jupyter console --kernel gradbook`, nbclient).
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Jupyter kernel: gradbook kernel install [--user] [--prefix DIR].",
        subcommands: [KernelInstallCommand.self])
}

struct KernelInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the Jupyter kernelspec 'gradbook' (and its Python package if missing).",
        discussion: """
            Writes the kernelspec 'gradbook' (kernel.json: language gradbook, files .grad, \
            interrupts by SIGINT, and the absolute path of this gradbook binary, which the \
            kernel runs as 'gradbook kernel-server'; plus a logo) with jupyter_client, into \
            Jupyter's system folder, your user folder (--user) or DIR/share/jupyter (--prefix). \
            If the Python package gradbook_kernel (or ipykernel) cannot be imported by the \
            Python given, it is first installed with pip from this checkout's jupyter/ folder. \
            Then: jupyter console --kernel gradbook, or pick gradbook in JupyterLab or VS Code.
            """)

    @Flag(help: "Install for this user only (~/.local/share/jupyter/kernels).")
    var user = false

    @Option(help: "Install under DIR/share/jupyter/kernels (e.g. a virtual environment's folder).")
    var prefix: String?

    @Option(help: "The Python that runs the kernel (it needs ipykernel).")
    var python = "python3"

    func validate() throws {
        if user && prefix != nil { throw ValidationError("--user and --prefix cannot be used together") }
    }

    func run() throws {
        let python = try Self.resolvePython(python)
        if !Self.canImportKernel(python) {
            try Self.installPackage(python)
        }
        let folder = NSTemporaryDirectory() + "gradbook-kernelspec-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try KernelSpec(python: python, gradbook: Self.executablePath).write(to: folder + "/" + KernelSpec.name)
        let script = """
            import sys
            from jupyter_client.kernelspec import KernelSpecManager
            user = sys.argv[2] == "1"
            prefix = sys.argv[3] or None
            print(KernelSpecManager().install_kernel_spec(sys.argv[1], "gradbook", user=user, prefix=prefix, replace=True))
            """
        let result = ChildProcess.run(python, ["-c", script, folder + "/" + KernelSpec.name, user ? "1" : "0", prefix ?? ""])
        guard result.status == 0 else {
            throw Self.failure("the kernelspec could not be installed", detail: result.errors)
        }
        let destination = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        print("installed the Jupyter kernel 'gradbook' in \(destination)")
        print("  it runs \(Self.executablePath) kernel-server, from \(python) -m gradbook_kernel")
        print("  try: jupyter console --kernel gradbook")
    }

    /// This binary's absolute path (the kernelspec must not depend on PATH).
    static var executablePath: String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    /// The jupyter/ folder of the checkout this binary was built from (it holds pyproject.toml).
    static var packageFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("jupyter").path
    }

    static func resolvePython(_ name: String) throws -> String {
        let result = ChildProcess.run("/usr/bin/env", [name, "-c", "import sys; print(sys.executable)"])
        let path = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0, path.hasPrefix("/") else {
            throw failure("cannot run \(name); the kernel needs Python 3 with ipykernel (--python chooses another)", detail: result.errors)
        }
        return path
    }

    static func canImportKernel(_ python: String) -> Bool {
        ChildProcess.run(python, ["-c", "import gradbook_kernel, ipykernel, jupyter_client"]).status == 0
    }

    static func installPackage(_ python: String) throws {
        let folder = packageFolder
        guard FileManager.default.fileExists(atPath: folder + "/pyproject.toml") else {
            throw failure("the Python package gradbook_kernel is not installed, and its source (\(folder)) is not here; "
                          + "run: \(python) -m pip install PATH/TO/gradbook/jupyter", detail: "")
        }
        print("installing the Python package gradbook_kernel (and ipykernel) with pip from \(folder)…")
        let result = ChildProcess.run(python, ["-m", "pip", "install", "--quiet", folder])
        guard result.status == 0, canImportKernel(python) else {
            throw failure("pip could not install \(folder)", detail: result.errors)
        }
    }

    static func failure(_ message: String, detail: String) -> ValidationError {
        let detail = detail.trimmingCharacters(in: .whitespacesAndNewlines)
        return ValidationError("gradbook kernel install: " + message + (detail.isEmpty ? "" : "\n" + detail))
    }
}

/// A program run to its end, with what it wrote.
enum ChildProcess {
    struct Result {
        let status: Int32
        let output: String
        let errors: String
    }

    static func run(_ executable: String, _ arguments: [String]) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            return Result(status: 127, output: "", errors: "cannot run \(executable): \(error.localizedDescription)")
        }
        // Read both pipes to their ends before waiting, so a chatty child never blocks on a full pipe.
        let errorData = ErrorCollector(errors.fileHandleForReading)
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
                      errors: String(decoding: errorData.wait(), as: UTF8.self))
    }

    /// Reads a pipe to its end on another thread.
    private final class ErrorCollector: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }.start()
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
