import Foundation
import Language
import Workbench

/// One gradbook session served to the Jupyter wrapper kernel: a notebook cell runs through the
/// same `Session.run` as a cell typed at the prompt, and what it produces goes out as protocol
/// events as it happens (see `KernelProtocol`).
///
/// Output is the plain text of `gradbook run` (the fixed width, no colours), so a notebook
/// shows what a saved session replays to; a plot goes out as a display of its SVG with its
/// terminal drawing as the text form, and `fit` draws its progress bar as a display the
/// notebook redraws in place.
final class KernelServer {
    let session: Session
    private let events: KernelEventWriter
    private let homeDirectory: String?

    init(events: KernelEventWriter, homeDirectory: String?) {
        self.events = events
        self.homeDirectory = homeDirectory
        let environment = SessionEnvironment(
            isTerminal: false, width: SessionEnvironment.plainWidth,
            emit: { text in events.send(.stream(text: text + "\n")) },
            emitError: { text in events.send(.errorStream(text: text + "\n")) },
            transient: { text in
                // An empty line clears the bar at a terminal; the notebook keeps the last one drawn.
                if !text.isEmpty { events.send(.progress(text: text)) }
            },
            interruptRequested: { interruptRequested.load(ordering: .relaxed) },
            showsProgress: true,
            display: { svg, text in events.send(.display(svg: svg, text: text)) })
        session = Session(seed: 0, environment: environment)
    }

    /// Answers one request line.
    func handle(line: String) {
        let request: KernelProtocol.Request
        do {
            request = try JSONDecoder().decode(KernelProtocol.Request.self, from: Data(line.utf8))
        } catch {
            events.send(.protocolError(message: "cannot read the request: \(error)"))
            return
        }
        switch request.type {
        case .execute: execute(request.code)
        case .complete: complete(request.code, cursor: request.cursor)
        case .inspect: inspect(request.code, cursor: request.cursor)
        case .isComplete: events.send(Self.completeness(of: request.code))
        }
    }

    /// Runs a cell: its statements' output, values, errors and plots, then `done`.
    func execute(_ code: String) {
        interruptRequested.store(false, ordering: .relaxed)
        let session = self.session, events = self.events
        _ = onLargeStack {
            session.run(code, name: "<cell>", style: .repl, didRun: { outcome in
                if let value = outcome.valueText {
                    events.send(.result(count: outcome.cellNumber, text: value))
                }
                if let error = outcome.error {
                    let message = outcome.diagnostic?.message
                    events.send(.error(count: outcome.cellNumber, ename: message?.kind ?? "Error",
                                       evalue: message?.text ?? error,
                                       traceback: error.components(separatedBy: "\n")))
                }
            })
        }
        events.send(.done(count: session.cells.count, interrupted: interruptRequested.load(ordering: .relaxed)))
    }

    /// Completions from the prompt's completer, for the text before the cursor.
    func complete(_ code: String, cursor: Int?) {
        let scalars = Array(code.unicodeScalars)
        let end = min(max(cursor ?? scalars.count, 0), scalars.count)
        let before = String(String.UnicodeScalarView(scalars[..<end]))
        let completer = Completer(workspace: session.completionWorkspace, homeDirectory: homeDirectory)
        let completion = completer.complete(before)
        events.send(.completion(start: completion.start, end: end, matches: completion.candidates))
    }

    /// `help NAME` for the name under (or just before) the cursor, when it is a built-in.
    func inspect(_ code: String, cursor: Int?) {
        guard let name = Self.name(in: code, at: cursor), session.builtins[name] != nil else {
            events.send(.inspection(found: false, text: ""))
            return
        }
        // A session of its own, so that asking for help adds no cell to the notebook's session.
        let outcome = Session().run("help \(name)").first
        if let outcome, outcome.error == nil, !outcome.printed.isEmpty {
            events.send(.inspection(found: true, text: outcome.printed))
        } else {
            events.send(.inspection(found: false, text: ""))
        }
    }

    /// The name whose characters surround `cursor` (a position in Unicode scalars).
    static func name(in code: String, at cursor: Int?) -> String? {
        let scalars = Array(code.unicodeScalars)
        let position = min(max(cursor ?? scalars.count, 0), scalars.count)
        func isNameScalar(_ s: Unicode.Scalar) -> Bool {
            s == "_" || s.properties.isAlphabetic || ("0"..."9").contains(s)
        }
        var start = position, end = position
        while start > 0, isNameScalar(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, isNameScalar(scalars[end]) { end += 1 }
        guard start < end else { return nil }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// Whether a cell is whole: `incomplete` while a bracket or block is open (the console then
    /// asks for another line, indented inside a block), `invalid` when it cannot parse.
    static func completeness(of code: String) -> KernelProtocol.Event {
        switch Parser.parse(SourceText(code)) {
        case .complete: return .completeness(status: "complete", indent: "")
        case .incomplete: return .completeness(status: "incomplete", indent: "  ")
        case .failed: return .completeness(status: "invalid", indent: "")
        }
    }
}
