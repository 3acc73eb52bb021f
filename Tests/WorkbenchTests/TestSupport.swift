import Foundation
import Testing
import Autodiff
import NN

/// The folder of the Python and shell scripts the interop tests run.
let scriptsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Scripts")

/// A fresh folder under the system's temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init(_ label: String = "test") {
        let base = NSTemporaryDirectory() + "gradbook-\(label)-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }

    /// A path inside the folder.
    func file(_ name: String) -> String { path + "/" + name }

    /// The names of the files in the folder, sorted.
    var contents: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// What a finished process printed.
struct ProcessResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs a program found on PATH with arguments, waiting for it to end.
func runProgram(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    if let environment {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    // Test threads (libdispatch workers) block every signal, and a spawned child inherits that
    // mask: torchrun and other signal-driven programs then abort at shutdown. Spawn with none blocked.
    var none = sigset_t(), saved = sigset_t()
    sigemptyset(&none)
    pthread_sigmask(SIG_SETMASK, &none, &saved)
    defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
    try process.run()
    // Read both pipes before waiting: a child that fills a pipe would otherwise block forever.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// Whether optional tools are present; the tests that need them are skipped otherwise.
enum Tooling {
    /// True when `python3` can import every module named.
    static func pythonHas(_ modules: String...) -> Bool {
        let imports = modules.map { "import \($0)" }.joined(separator: "; ")
        return (try? runProgram("python3", ["-c", imports]).status) == 0
    }

    static let hasNumPy = pythonHas("numpy")
    static let hasSafetensors = pythonHas("numpy", "safetensors.numpy")
    static let hasNbformat = pythonHas("nbformat")
    static let hasTorch = pythonHas("torch", "numpy")
    static let hasPython = (try? runProgram("python3", ["--version"]).status) == 0
    static let hasChromium = (try? runProgram("sh", ["-c", "command -v chromium || command -v chromium-browser"]).status) == 0
}

/// A small model with every kind of layer, built from a seed.
func sampleModel(seed: UInt64 = 0, inputs: Int = 3, final: Activation = .sigmoid) throws -> Sequential {
    var g = RandomGenerator(seed: seed)
    return try Sequential([
        .dense(try Dense(units: 8, activation: .relu, inputSize: inputs)),
        .dropout(try Dropout(rate: 0.25)),
        .dense(try Dense(units: 6, activation: .tanh)),
        .dense(try Dense(units: 5, activation: .gelu, useBias: false)),
        .activation(.leakyRelu, name: ""),
        .dense(try Dense(units: 1, activation: final)),
    ], using: &g)
}

/// A seeded random matrix.
func randomMatrix(rows: Int, columns: Int, seed: UInt64) throws -> Tensor {
    var g = RandomGenerator(seed: seed)
    return try Tensor.normal([rows, columns], using: &g)
}

/// Expects two float arrays to agree within an absolute `tolerance`, naming the worst element.
func expectClose(_ actual: [Float], _ expected: [Float], tolerance: Float,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "count \(actual.count) vs \(expected.count)", sourceLocation: sourceLocation)
    guard actual.count == expected.count else { return }
    var worst = (index: 0, gap: Float(0))
    for (i, (a, e)) in zip(actual, expected).enumerated() where Swift.abs(a - e) > worst.gap || a.isNaN != e.isNaN {
        worst = (i, a.isNaN != e.isNaN ? .infinity : Swift.abs(a - e))
    }
    #expect(worst.gap <= tolerance, "element \(worst.index): \(actual[worst.index]) vs \(expected[worst.index])",
            sourceLocation: sourceLocation)
}
