import Foundation
import Testing

/// The built `gradbook` binary, for end-to-end tests: these build nothing themselves.
enum GradbookBinary {
    /// The binary next to the test runner (`.build/<triple>/debug`), else `.build/debug` in
    /// the package.
    static var path: String? {
        var folders: [String] = []
        if let runner = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append((runner as NSString).deletingLastPathComponent)
        }
        folders += Bundle.allBundles.map { ($0.bundlePath as NSString).deletingLastPathComponent }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        folders.append(package.path + "/.build/debug")
        return folders.map { $0 + "/gradbook" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// A scratch home folder for one test: `HOME`, `GRADBOOK_HOME` and `GRADBOOK_HISTORY` inside it.
struct ScratchHome {
    let path = NSTemporaryDirectory() + "gradbook-e2e-\(UUID().uuidString)"

    init() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var journals: String { path + "/gradbook/journals" }

    /// The environment a test runs gradbook in (nothing inherited but PATH).
    var environment: [String: String] {
        ["HOME": path, "GRADBOOK_HOME": path + "/gradbook", "GRADBOOK_HISTORY": path + "/history",
         "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color"]
    }

    func journalFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: journals)) ?? []).filter { $0.hasSuffix(".grad") }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// gradbook on pipes: what a script or CI sees, and a process a test can kill.
final class PipedGradbook: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var collected = Data()
    /// Signalled when the output reaches its end (the process and its children closed it).
    private let ended = DispatchSemaphore(value: 0)

    init(binary: String, arguments: [String] = [], home: ScratchHome) throws {
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = home.environment
        process.currentDirectoryURL = URL(fileURLWithPath: home.path)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let reader = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            while case let chunk = reader.availableData, !chunk.isEmpty {
                lock.withLock { collected.append(chunk) }
            }
            ended.signal()
        }
    }

    /// Everything it printed so far (stdout and stderr).
    var text: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    func send(_ lines: String) {
        input.fileHandleForWriting.write(Data((lines + "\n").utf8))
    }

    /// Waits until the output contains `expected`; false after `timeout` seconds.
    func waitFor(_ expected: String, timeout: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if text.contains(expected) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return text.contains(expected)
    }

    /// Closes its input and waits for it to end and for all it printed.
    func finish() {
        input.fileHandleForWriting.closeFile()
        process.waitUntilExit()
        _ = ended.wait(timeout: .now() + 10)
    }

    func kill() {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        _ = ended.wait(timeout: .now() + 10)
    }
}
