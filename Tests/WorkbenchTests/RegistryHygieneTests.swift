import Language
import NN
import Testing
@testable import Workbench

/// The registry is the one source of what a built-in accepts: its declared options are the only
/// ones it can read, a flag is an option declared once, whether `save` keeps a call is the
/// built-in's own property, and the names listed in help and errors come from the enums.
struct RegistryHygieneTests {
    /// A built-in of one option and one flag whose `run` reads the option `key` asks for.
    static func reader(of key: String) -> Builtin {
        Builtin("reads", .session, signature: "reads", summary: "Reads an option.", example: "reads",
                options: ["declared"], flags: ["loud"]) { inv throws(Diagnostic) in
            .bool(inv.has(key))
        }
    }

    static func call(_ builtin: Builtin) -> Value? {
        let session = Session(seed: 0)
        let at = Language.SourceLocation(offset: 0, line: 1, column: 1)
        return try? session.invoke(builtin, arguments: [], options: [], range: SourceRange(start: at, end: at))
    }

    @Test func readingADeclaredOptionOrFlagIsFine() {
        guard case .bool(false) = Self.call(Self.reader(of: "declared")) else { Issue.record("declared"); return }
        guard case .bool(false) = Self.call(Self.reader(of: "loud")) else { Issue.record("flag"); return }
    }

    /// A typo in the key a built-in reads (`epoch` for `epochs`) would return the default
    /// forever without a word; instead it stops the test run.
    @Test func readingAnUndeclaredOptionTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = RegistryHygieneTests.call(RegistryHygieneTests.reader(of: "declard"))
        }
    }

    @Test func aFlagIsAnOptionDeclaredOnce() {
        let b = Self.reader(of: "declared")
        #expect(b.options == ["declared", "loud"])
        #expect(b.flags == ["loud"])
        let twice = Builtin("twice", .session, signature: "twice", summary: "Twice.", example: "twice",
                            options: ["quiet"], flags: ["quiet"]) { _ throws(Diagnostic) in .nothing }
        #expect(twice.options == ["quiet"])
        for builtin in BuiltinRegistry.standard.all {
            #expect(Set(builtin.options).count == builtin.options.count, "\(builtin.name) lists an option twice")
            #expect(builtin.flags.allSatisfy(builtin.options.contains), "\(builtin.name)")
        }
    }

    /// A flag works in both spellings, as a bare word and as `key=value`.
    @Test func flagsAreReadAsOptions() {
        let s = RecordingSession()
        #expect(s.output("show randn(2, 3, seed=0) all") == s.output("show randn(2, 3, seed=0) all=true"))
    }

    /// Exactly the built-ins whose replay would misbehave are left out of a saved session.
    @Test func theBuiltinsSaveLeavesOut() {
        let unsaved = BuiltinRegistry.standard.all.filter { !$0.isSaved }.map(\.name)
        #expect(Set(unsaved) == ["save", "quit", "exit", "interrupt_at"])
    }

    @Test(arguments: ["quit", "exit", "quit()", "exit()"])
    func quitAndExitEndTheSessionAndAreNotSaved(_ statement: String) {
        let s = RecordingSession()
        let outcomes = s.run("x = 1\n\(statement)\ny = 2")
        #expect(outcomes.map(\.source) == ["x = 1", statement], "the statement after it did not run")
        #expect(outcomes.last?.requestsQuit == true)
        let saved = SessionFile.render(cells: s.session.cells, seed: 0)
        #expect(saved.contains("x = 1"))
        #expect(!saved.contains(statement.prefix(4)))
    }

    @Test func exitHasHelp() {
        let s = RecordingSession()
        #expect(s.output("help exit").contains("The same as quit"))
    }

    // MARK: Names listed from the enums

    /// The choices an error lists for a word that names none of them (no near match).
    static func choices(in error: String) -> [String] {
        guard let line = error.split(separator: "\n").first(where: { $0.contains("the choices are ") }),
              let start = line.range(of: "the choices are ") else { return [] }
        return line[start.upperBound...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static let setup = """
        model = sequential(dense(4, relu, input=2), dense(1, sigmoid))
        """

    @Test func optimizerNamesComeFromTheEnum() {
        let s = RecordingSession()
        s.output(Self.setup)
        let names = Optimizer.Name.allCases.map(\.rawValue)
        #expect(Self.choices(in: s.error("compile model optimizer=zzzz loss=bce")) == names)
        for name in Optimizer.Name.allCases {
            #expect(BuiltinRegistry.standard[name.rawValue] != nil, "no built-in \(name.rawValue)")
            #expect(Optimizer.withDefaults(name).name == name.rawValue)
            s.output("compile model optimizer=\(name.rawValue) loss=bce")
            s.output("o = \(name.rawValue)()")
        }
    }

    @Test func activationNamesComeFromTheEnum() {
        let s = RecordingSession()
        #expect(Self.choices(in: s.error("dense(2, activation=\"zzzz\")")) == Activation.allCases.map(\.rawValue))
        for a in Activation.allCases { s.output("l = dense(2, activation=\"\(a.rawValue)\", input=3)") }
    }

    @Test func lossNamesComeFromTheEnum() {
        let s = RecordingSession()
        s.output(Self.setup)
        #expect(Self.choices(in: s.error("compile model loss=zzzz")) == LossFunction.allCases.map(\.rawValue))
        for loss in LossFunction.allCases {
            #expect(BuiltinRegistry.standard[loss.rawValue] != nil, "no built-in \(loss.rawValue)")
        }
    }

    @Test func metricNamesComeFromTheEnum() {
        let s = RecordingSession()
        s.output(Self.setup)
        #expect(Self.choices(in: s.error("compile model loss=bce metrics=zzzz")) == Metric.allCases.map(\.rawValue))
        for metric in Metric.allCases { s.output("compile model loss=bce metrics=\(metric.rawValue)") }
    }
}
