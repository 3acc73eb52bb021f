@preconcurrency import CLibEdit
import Glibc
import Synchronization
import Foundation
import Workbench

/// Set by the SIGINT handler; polled by the prompt loop and by long-running commands.
let interruptRequested = Atomic<Bool>(false)

private func handleSIGINT(_ signal: Int32) {
    interruptRequested.store(true, ordering: .relaxed)
}

/// What one read from the prompt produced.
enum LineInput {
    case line(String)
    /// Ctrl-C at the prompt: the line was dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// The only place libedit is used: prompt, line editing and history (see ../shared/LIBEDIT.md).
///
/// libedit is used only when stdin and stdout are both terminals; otherwise lines are read with
/// `Swift.readLine()` (libedit reads piped input one byte per syscall and garbles output to a pipe).
final class LineReader {
    let isInteractive: Bool

    init() {
        isInteractive = isatty(0) == 1 && isatty(1) == 1
        LineReader.ensureUTF8Locale()
        LineReader.installInterruptHandler()
    }

    /// Reads one line, showing `prompt` at a terminal.
    func read(prompt: String) -> LineInput {
        guard isInteractive else {
            guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
            return .line(line)
        }
        interruptRequested.store(false, ordering: .relaxed)
        guard let raw = readline(prompt) else {
            if interruptRequested.exchange(false, ordering: .relaxed) {
                print("")
                return .interrupted
            }
            print("")  // libedit prints ^D without a newline
            return .endOfInput
        }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.allSatisfy(\.isWhitespace) { add_history(line) }
        return .line(line)
    }

    /// `walk` at a terminal: Enter for the next step, `c` to run to the end, `q` to stop.
    func askToContinue() -> SessionEnvironment.WalkResponse {
        switch read(prompt: "  [Enter] next · c continue · q stop ") {
        case .line(let answer):
            let a = answer.trimmingCharacters(in: .whitespaces).lowercased()
            if a.hasPrefix("q") { return .stop }
            if a.hasPrefix("c") { return .runToEnd }
            return .next
        case .interrupted, .endOfInput:
            return .stop
        }
    }

    /// libedit silently drops non-ASCII bytes unless LC_CTYPE is a UTF-8 locale.
    private static func ensureUTF8Locale() {
        setlocale(LC_CTYPE, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased() != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    /// `sigaction` with `sa_flags = 0`, so that `readline` returns on ^C (LIBEDIT.md §5).
    private static func installInterruptHandler() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handleSIGINT
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }
}
