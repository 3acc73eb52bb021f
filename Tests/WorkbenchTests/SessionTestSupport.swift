import Foundation
import Testing
@testable import Autodiff
@testable import Workbench

/// A session that records what it prints.
final class RecordingSession {
    let session: Session
    private(set) var printed: [String] = []

    /// A session off a terminal by default; `isTerminal`/`usesColor` pretend to be at one, and
    /// `interruptRequested` stands for the Ctrl-C flag.
    init(seed: UInt64 = 0, isTerminal: Bool = false, usesColor: Bool? = nil,
         interruptRequested: @escaping () -> Bool = { false }) {
        let box = PrintBox()
        session = Session(seed: seed, environment: SessionEnvironment(isTerminal: isTerminal, usesColor: usesColor,
                                                                      emit: { box.lines.append($0) },
                                                                      interruptRequested: interruptRequested))
        self.box = box
    }

    private let box: PrintBox

    /// Runs source; returns the outcomes.
    @discardableResult
    func run(_ source: String) -> [StatementOutcome] {
        box.lines = []
        let outcomes = session.run(source)
        printed = box.lines
        return outcomes
    }

    /// Runs source that must succeed; returns the last statement's transcript.
    @discardableResult
    func output(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let outcomes = run(source)
        for o in outcomes where o.error != nil {
            Issue.record("unexpected error in `\(o.source)`:\n\(o.error ?? "")", sourceLocation: sourceLocation)
        }
        return outcomes.last?.transcript ?? ""
    }

    /// Runs source that must fail; returns the rendered error of the first failing statement.
    @discardableResult
    func error(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let outcomes = run(source)
        guard let failed = outcomes.first(where: { $0.error != nil }) else {
            Issue.record("expected an error from `\(source)`", sourceLocation: sourceLocation)
            return ""
        }
        return failed.error ?? ""
    }

    /// The value of a workspace variable as a tensor.
    func tensor(_ name: String) -> Tensor? { session.workspace[name]?.tensor }
}

private final class PrintBox { var lines: [String] = [] }
