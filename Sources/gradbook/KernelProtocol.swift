import Foundation

/// The protocol between the Jupyter wrapper kernel (jupyter/gradbook_kernel) and
/// `gradbook kernel-server`: one JSON object per line each way.
///
/// The wrapper sends a request; the server answers with events and, for `execute`, ends with
/// `done`. Requests never overlap: the wrapper waits for a request's last event before it
/// sends the next one. Interrupts are SIGINT, not requests, so they reach a running cell.
enum KernelProtocol {
    /// One line from the wrapper.
    struct Request: Decodable {
        enum Kind: String, Decodable {
            /// Run a notebook cell (several statements, possibly).
            case execute
            /// Completions for the word before `cursor`.
            case complete
            /// `help` for the name at `cursor`.
            case inspect
            /// Whether `code` is a whole cell or needs more lines.
            case isComplete = "is_complete"
        }
        let type: Kind
        let code: String
        /// A position in `code`, in Unicode scalars (Jupyter counts code points).
        var cursor: Int?
    }

    /// One line to the wrapper.
    enum Event: Encodable {
        /// The server is up (sent once, first).
        case ready(version: String)
        /// Text the cell printed (ends with a newline).
        case stream(text: String)
        /// Errors reported without failing the cell (a nested `run "f"`'s statements), for stderr.
        case errorStream(text: String)
        /// A statement's value, shown as `Out[count]`.
        case result(count: Int, text: String)
        /// A statement that failed: its kind, its message and the rendered lines with the caret.
        case error(count: Int, ename: String, evalue: String, traceback: [String])
        /// A plot: the SVG that `file="p.svg"` writes, and its terminal drawing as the text form.
        case display(svg: String, text: String)
        /// `fit`'s progress bar, redrawn in place by the notebook.
        case progress(text: String)
        /// The cell is over: the number of its last statement, and whether Ctrl-C stopped it.
        case done(count: Int, interrupted: Bool)
        /// Completion candidates replacing code[start..<end].
        case completion(start: Int, end: Int, matches: [String])
        /// The help text of the name under the cursor, if it names a built-in.
        case inspection(found: Bool, text: String)
        /// `complete`, `incomplete` (with the indent for the next line) or `invalid`.
        case completeness(status: String, indent: String)
        /// A request line that could not be read.
        case protocolError(message: String)

        private enum Key: String, CodingKey {
            case event, version, text, executionCount = "execution_count", ename, evalue, traceback, svg
            case interrupted, start, end, matches, found, status, indent, message, name
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            switch self {
            case .ready(let version):
                try c.encode("ready", forKey: .event); try c.encode(version, forKey: .version)
            case .stream(let text):
                try c.encode("stream", forKey: .event); try c.encode(text, forKey: .text)
            case .errorStream(let text):
                try c.encode("stream", forKey: .event); try c.encode(text, forKey: .text)
                try c.encode("stderr", forKey: .name)
            case .result(let count, let text):
                try c.encode("result", forKey: .event); try c.encode(count, forKey: .executionCount)
                try c.encode(text, forKey: .text)
            case .error(let count, let ename, let evalue, let traceback):
                try c.encode("error", forKey: .event); try c.encode(count, forKey: .executionCount)
                try c.encode(ename, forKey: .ename); try c.encode(evalue, forKey: .evalue)
                try c.encode(traceback, forKey: .traceback)
            case .display(let svg, let text):
                try c.encode("display", forKey: .event); try c.encode(svg, forKey: .svg); try c.encode(text, forKey: .text)
            case .progress(let text):
                try c.encode("progress", forKey: .event); try c.encode(text, forKey: .text)
            case .done(let count, let interrupted):
                try c.encode("done", forKey: .event); try c.encode(count, forKey: .executionCount)
                try c.encode(interrupted, forKey: .interrupted)
            case .completion(let start, let end, let matches):
                try c.encode("completion", forKey: .event); try c.encode(start, forKey: .start)
                try c.encode(end, forKey: .end); try c.encode(matches, forKey: .matches)
            case .inspection(let found, let text):
                try c.encode("inspection", forKey: .event); try c.encode(found, forKey: .found); try c.encode(text, forKey: .text)
            case .completeness(let status, let indent):
                try c.encode("completeness", forKey: .event); try c.encode(status, forKey: .status)
                try c.encode(indent, forKey: .indent)
            case .protocolError(let message):
                try c.encode("protocol_error", forKey: .event); try c.encode(message, forKey: .message)
            }
        }
    }
}

/// Writes events, one JSON line each, to the protocol's file descriptor. Output of the session
/// arrives on the interpreter thread and requests are answered on the main one, so writes are
/// serialised.
final class KernelEventWriter: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return e
    }()

    init(fileDescriptor: Int32) {
        handle = FileHandle(fileDescriptor: fileDescriptor, closeOnDealloc: false)
    }

    func send(_ event: KernelProtocol.Event) {
        // Encoding these enums of strings and integers cannot fail; a failure would be a bug here.
        guard var line = try? encoder.encode(event) else { preconditionFailure("cannot encode \(event)") }
        line.append(0x0A)
        lock.lock()
        defer { lock.unlock() }
        handle.write(line)
    }
}
