import Foundation
import Testing

/// Untrusted scripts (docs/session-format.md, "Confinement"): a script run with `gradbook run`, `gradbook check` or `run "f"`
/// reads and writes only under the folder it runs from, unless the person passes --allow-path.
/// Each escape a script could try is tried here and must be refused with an error that names
/// the flag, and must leave nothing written outside.
struct SandboxTests {
    let outside: URL
    let inside: URL

    init() throws {
        outside = Binary.temporaryDirectory()
        inside = Binary.temporaryDirectory().appendingPathComponent("work")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        try "a,b\n1,2\n".write(to: outside.appendingPathComponent("secret.csv"), atomically: true, encoding: .utf8)
        // A symlink inside that points outside, to a file and to a folder.
        try FileManager.default.createSymbolicLink(at: inside.appendingPathComponent("link.csv"),
                                                   withDestinationURL: outside.appendingPathComponent("secret.csv"))
        try FileManager.default.createSymbolicLink(at: inside.appendingPathComponent("out"), withDestinationURL: outside)
    }

    func attempt(_ statement: String, extra: [String] = []) throws -> Binary.Result {
        try "data = dataset(\"xor\", n=8, seed=0)\nm = sequential(dense(1, sigmoid, input=2))\n\(statement)\n"
            .write(to: inside.appendingPathComponent("s.grad"), atomically: true, encoding: .utf8)
        return try Binary.run(["run"] + extra + ["s.grad"], directory: inside)
    }

    @Test(arguments: [
        "load(\"OUTSIDE/secret.csv\")",              // an absolute path outside
        "load(\"../secret.csv\")",                    // climbing out with ..
        "load(\"sub/../../secret.csv\")",             // .. hidden in the middle
        "load(\"link.csv\")",                         // a symlink to a file outside
        "save \"out/stolen.grad\"",                   // writing through a symlinked folder
        "save \"OUTSIDE/written.grad\"",              // writing to an absolute path outside
        "export m \"../m.safetensors\"",              // exports too
        "plot arange(3) file=\"../p.svg\"",
        "export session \"OUTSIDE/s.html\"",
        "run \"../other.grad\"",                      // running another script outside
        "load(\"~/secret.csv\")",                     // the home folder
    ])
    func escapeIsRefused(_ template: String) throws {
        let statement = template.replacingOccurrences(of: "OUTSIDE", with: outside.path)
        try "x = 1\n".write(to: outside.appendingPathComponent("other.grad"), atomically: true, encoding: .utf8)
        let r = try attempt(statement)
        #expect(r.status == 1, "\(statement): \(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("is outside the folders this script may use"), "\(statement): \(r.stderr)")
        #expect(r.stderr.contains("--allow-path"))
        let written = (try? FileManager.default.contentsOfDirectory(atPath: outside.path)) ?? []
        #expect(Set(written) == ["secret.csv", "other.grad"], "\(statement) wrote \(written)")
    }

    @Test func allowPathLetsThePersonOptIn() throws {
        let r = try attempt("d = load(\"\(outside.path)/secret.csv\")\nd.count", extra: ["--allow-path", outside.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1"))
    }

    @Test func filesInsideAreFine() throws {
        try "a,b\n1,2\n3,4\n".write(to: inside.appendingPathComponent("mine.csv"), atomically: true, encoding: .utf8)
        let r = try attempt("d = load(\"mine.csv\")\nd.count\nsave \"saved/s2.grad\"")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: inside.appendingPathComponent("saved/s2.grad").path))
    }

    /// There is nothing a script could call to reach a shell or the network.
    @Test func noBuiltinReachesAShellOrTheNetwork() throws {
        let r = try Binary.run(["reference"])
        for word in ["system", "shell", "exec", "popen", "http", "socket", "curl", "url", "env", "getenv"] {
            #expect(!r.stdout.contains("| `\(word)("), "a built-in named \(word)")
        }
    }
}
