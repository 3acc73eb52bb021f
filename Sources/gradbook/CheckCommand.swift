import ArgumentParser
import Foundation
import Language
import Workbench
import Datasets

/// `gradbook check f.grad …`: replays each session and compares every output with its saved
/// `#>` lines — a doctest for sessions (SPEC §5).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Replay session files and compare every output with its #> lines; exit 1 on a mismatch, 2 on an error.")

    @Argument(help: "The session files to check.")
    var files: [String]

    @Option(name: .customLong("allow-path"), help: "A folder the scripts may also read and write (repeatable).")
    var allowPaths: [String] = []

    func run() throws {
        ProcessSetup.applyLimits()
        ProcessSetup.installScriptInterruptHandler()
        var mismatches = 0, errors = 0
        for file in files {
            let result = onLargeStack { SessionChecker(file: file, allowPaths: allowPaths).check() }
            Terminal.write(result.report)
            mismatches += result.mismatches
            errors += result.errors
        }
        if errors > 0 { throw ExitCode(2) }
        if mismatches > 0 { throw ExitCode(1) }
    }
}

/// Replays one session file and compares outputs.
struct SessionChecker {
    let file: String
    let allowPaths: [String]

    struct Result {
        var report = ""
        var mismatches = 0
        var errors = 0
    }

    func check() -> Result {
        var result = Result()
        let text: String
        do { text = try FileBytes.text(of: file) } catch {
            result.errors = 1
            result.report = "\(file): \(error)\n"
            return result
        }
        let source = SourceText(text, name: file)
        let script = Parser.parseScript(source)
        // Each statement's saved output, by the line the statement starts on (one statement
        // per line, so the key is unique); a statement that does not parse is reported as an
        // error in its place, and the others are still checked.
        var expected: [Int: (text: String, firstLine: Int?)] = [:]
        for (item, saved) in zip(script.items, SessionFile.expectedOutputs(of: script)) {
            expected[item.range.start.line] = saved
        }
        // The errors of a script the session runs (`run "f.grad"`) are reported, and count, as
        // the session's own.
        let nestedErrors = NestedErrorLog()
        let session = Session(seed: SessionFile.seed(inHeaderOf: text) ?? 0,
                              environment: SessionEnvironment(emitError: { nestedErrors.text += $0 + "\n" }))
        session.filePolicy = .confined(to: FileManager.default.currentDirectoryPath, allowing: allowPaths)
        session.allowedPaths = allowPaths
        session.run(text, name: file, style: .file, didRun: { outcome in
            result.errors += outcome.nestedFailures
            result.report += nestedErrors.text
            nestedErrors.text = ""
            if let error = outcome.error {
                result.errors += 1
                result.report += error + "\n"
                return
            }
            guard let want = expected[outcome.lines.lowerBound] else { return }
            let got = outcome.transcript
            if !OutputComparison.matches(expected: want.text, actual: got) {
                result.mismatches += 1
                result.report += mismatchReport(statementLine: outcome.lines.lowerBound, source: outcome.source,
                                                outputLine: want.firstLine, expected: want.text, got: got)
            }
        })
        let statements = script.items.count
        if result.errors == 0 && result.mismatches == 0 {
            result.report += "\(file): \(statements) statements, every output matches ✓\n"
        } else {
            result.report += "\(file): \(statements) statements, \(result.mismatches) output\(result.mismatches == 1 ? " differs" : "s differ"), \(result.errors) error\(result.errors == 1 ? "" : "s") ✗\n"
        }
        return result
    }

    /// A unified-diff-like view: the statement, then expected (−) and replayed (+) lines.
    private func mismatchReport(statementLine: Int, source: String, outputLine: Int?, expected: String, got: String) -> String {
        let where_ = outputLine.map { "\(file):\($0)" } ?? "\(file):\(statementLine)"
        var lines = ["\(where_): output differs for the statement at line \(statementLine):",
                     "  " + (source.split(separator: "\n").first.map(String.init) ?? "")]
        let e = expected.isEmpty ? [] : expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let g = got.isEmpty ? [] : got.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.append("  --- saved (#> lines\(outputLine.map { " from line \($0)" } ?? ", none"))")
        lines.append("  +++ replayed")
        for i in 0..<max(e.count, g.count) {
            if i < e.count, i < g.count, OutputComparison.matches(expected: e[i], actual: g[i]) {
                lines.append("     " + e[i])
                continue
            }
            if i < e.count { lines.append("  -  " + e[i]) }
            if i < g.count { lines.append("  +  " + g[i]) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Collects the errors of nested scripts while `check` replays a file.
private final class NestedErrorLog {
    var text = ""
}
