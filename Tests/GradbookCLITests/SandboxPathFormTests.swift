import Foundation
import Testing

/// Paths whose form, not their destination, used to slip past the check: a name that is a
/// folder, whose derived names (the weights beside a PyTorch script, temporary files) landed in
/// the parent; and names canonically equivalent to the folder's own
/// (KELVIN SIGN for K, a decomposed é), which a `String` comparison took for the same folder.
struct SandboxPathFormTests {
    /// `parent/proj`, the folder the script runs in; `parent` must stay as it was.
    let parent: URL
    let project: URL

    init() throws {
        parent = Binary.temporaryDirectory()
        project = parent.appendingPathComponent("proj")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: project.appendingPathComponent("sub"), withIntermediateDirectories: true)
    }

    private func runScript(_ statement: String, in folder: URL) throws -> Binary.Result {
        let script = "m = sequential(dense(1, input=1))\nx = param(full(1, value=2))\nL = sum(x * x)\nbackward L\n\(statement)\n"
        try script.write(to: folder.appendingPathComponent("s.grad"), atomically: true, encoding: .utf8)
        return try Binary.run(["run", "s.grad"], directory: folder)
    }

    private func entries(_ folder: URL) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
    }

    @Test(arguments: [
        "export m \".\" format=pytorch",
        "export m \"./\" format=pytorch",
        "export m \"sub/..\" format=pytorch",
        "export m \"sub/\"",
        "save \".\"",
        "save \"./\"",
        "save \"sub/..\"",
        "save \"sub\"",
        "plot arange(3) file=\".\"",
        "graph L file=\"sub/..\"",
        "export session \".\"",
    ])
    func aFolderNameIsRefusedBeforeAnythingIsWritten(_ statement: String) throws {
        let parentBefore = entries(parent), projectBefore = entries(project).union(["s.grad"])
        let r = try runScript(statement, in: project)
        #expect(r.status == 1, "\(statement): \(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("is a folder"), "\(statement): \(r.stderr)")
        #expect(entries(parent) == parentBefore, "\(statement) wrote into the parent: \(entries(parent))")
        #expect(entries(project) == projectBefore, "\(statement) wrote \(entries(project))")
        #expect(entries(project.appendingPathComponent("sub")).isEmpty)
    }

    /// mkdir with the exact bytes (no Foundation path handling in between).
    private func makeFolder(_ parent: URL, _ name: String) -> URL {
        let url = URL(fileURLWithPath: parent.path + "/" + name)
        _ = mkdir(parent.path + "/" + name, 0o755)
        return url
    }

    @Test func kelvinSignIsNotTheLetterK() throws {
        let folder = makeFolder(parent, "Kproj")
        let r = try runScript("save \"../\u{212A}proj/pwned.grad\"", in: folder)
        #expect(r.status == 1, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("is outside the folders this script may use"), "\(r.stderr)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        #expect(names.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) } == [Array("Kproj".utf8), Array("proj".utf8)],
                "wrote a sibling: \(names.map { Array($0.utf8) })")
    }

    @Test func decomposedAccentIsNotThePrecomposedOne() throws {
        let precomposed = makeFolder(parent, "caf\u{E9}")
        let decomposed = makeFolder(parent, "cafe\u{301}")
        // Swift's String says these are equal (a Set of them holds one); the file system holds two folders.
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []).count == 3)
        try "a,b\n1,2\n".write(toFile: decomposed.path + "/secret.csv", atomically: false, encoding: .utf8)
        let r = try runScript("d = load(\"../cafe\u{301}/secret.csv\")\nd.count", in: precomposed)
        #expect(r.status == 1, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("is outside the folders this script may use"), "\(r.stderr)")
        #expect(!r.stdout.contains("1"), "read the sibling's file: \(r.stdout)")
    }

    /// The folder's own name written the same way is inside, of course.
    @Test func theFolderItselfStillWorks() throws {
        let folder = makeFolder(parent, "caf\u{E9}")
        let r = try runScript("save \"../caf\u{E9}/mine.grad\"\nexport m \"m.py\" format=pytorch", in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(entries(folder).isSuperset(of: ["mine.grad", "m.py", "m.safetensors"]))
    }
}

/// Code keeps the confinement of the file it came from: a `def` from a
/// lesson, called at the prompt after `gradbook lesson.grad`, wrote outside the folder.
struct ConfinedFunctionTests {
    @Test func aFunctionFromAScriptStaysConfinedAtThePrompt() throws {
        let parent = Binary.temporaryDirectory(), work = parent.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try "def leak() do\n  export session \"../x.html\"\nend\ndef inside() = save(\"mine.grad\")\n"
            .write(to: work.appendingPathComponent("lesson.grad"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["lesson.grad"], input: "leak()\ninside()\nexport session \"../typed.html\"\n", directory: work)
        #expect(r.stderr.contains("is outside the folders this script may use"), "\(r.stdout) \(r.stderr)")
        let written = Set(try FileManager.default.contentsOfDirectory(atPath: parent.path))
        #expect(!written.contains("x.html"), "the lesson's function wrote outside")
        // What the person types at the prompt is theirs: it may write where they can.
        #expect(written.contains("typed.html"), "\(r.stderr)")
        // Inside its folder the function works as before.
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("mine.grad").path), "\(r.stderr)")
    }

    /// The lesson's cells are journaled; restored by `--resume` after a crash, its `def` is
    /// still confined.
    @Test func aFunctionFromAScriptStaysConfinedAfterResume() throws {
        let home = try ScratchHome()
        defer { home.remove() }
        let binary = try #require(GradbookBinary.path)
        let outside = "leak-\(UUID().uuidString).html"
        try "def leak() do\n  export session \"../\(outside)\"\nend\n"
            .write(toFile: home.path + "/lesson.grad", atomically: true, encoding: .utf8)
        let first = try PipedGradbook(binary: binary, arguments: ["lesson.grad"], home: home)
        first.send("\"typed\"")
        #expect(first.waitFor("typed"), "\(first.text)")
        first.kill()
        let resumed = try PipedGradbook(binary: binary, arguments: ["--resume"], home: home)
        resumed.send("leak()")
        resumed.finish()
        #expect(resumed.text.contains("restored 2 of 2 cells"), "\(resumed.text)")
        #expect(resumed.text.contains("is outside the folders this script may use"), "\(resumed.text)")
        let parent = (home.path as NSString).deletingLastPathComponent
        #expect(!FileManager.default.fileExists(atPath: parent + "/" + outside), "the restored def wrote outside")
        unlink(parent + "/" + outside)
    }
}
