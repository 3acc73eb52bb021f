import Workbench

/// Prints what a statement produced, the way each mode shows it: the REPL puts `Out[n]:`
/// before a value; `gradbook run` prints values bare (and with `--echo`, the `In [n]:` lines).
struct SessionPrinter {
    enum Mode { case repl, script }
    let mode: Mode
    var echo = false
    /// How `Out[n]:` looks (coloured at a terminal).
    var prompt = Prompt(colors: false)

    /// With `--echo`, the statement as the REPL would show it, before it runs.
    func willRun(_ number: Int, _ source: String) {
        guard echo else { return }
        Terminal.write(prompt.input(number) + source.split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\n" + prompt.continuation(number)) + "\n")
    }

    /// Prints the value and the error of an outcome (its printed output was streamed already).
    /// Returns whether the statement failed.
    @discardableResult
    func show(_ outcome: StatementOutcome) -> Bool {
        if let value = outcome.valueText {
            switch mode {
            case .repl: Terminal.write(prompt.output(outcome.cellNumber) + value + "\n")
            case .script: Terminal.write(value + "\n")
            }
        }
        if let error = outcome.error {
            Terminal.writeError(error + "\n")
            return true
        }
        return false
    }
}
