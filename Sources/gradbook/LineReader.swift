@preconcurrency import CLibEdit
import Glibc
import Synchronization
import Foundation
import Workbench

/// Set by the SIGINT handler, whichever thread the kernel delivers it to; polled by the prompt
/// loop and, through the session's environment, by long-running commands.
let interruptRequested = Atomic<Bool>(false)

private func handleSIGINT(_ signal: Int32) {
    let wasPending = interruptRequested.exchange(true, ordering: .relaxed)
    StuckStatementRestart.interrupted(wasPending: wasPending)
}

/// What Tab completes from at the current prompt: libedit's callback can only reach globals.
private let completionRequest = Mutex<CompletionRequest?>(nil)

/// The completer for one prompt, and the lines of the cell typed before the current one.
struct CompletionRequest: Sendable {
    var completer: Completer
    var earlierLines: String
}

/// What one read from the prompt produced.
enum LineInput: Equatable {
    case line(String)
    /// Ctrl-C at the prompt: the line was dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// The only place libedit is used: prompt, line editing, tab completion, history and the SIGINT
/// flag (docs/libedit.md has the facts it relies on).
///
/// libedit is used only when stdin and stdout are both terminals; otherwise lines are read with
/// `Swift.readLine()` (libedit reads piped input one byte per syscall and garbles output to a pipe).
final class LineReader {
    let isInteractive: Bool
    /// The history file, at a terminal.
    let history: PromptHistory?

    /// Sets up the prompt; `historyPath` is where history persists (none when nil).
    init(historyPath: String?) {
        isInteractive = isatty(0) == 1 && isatty(1) == 1
        LineReader.ensureUTF8Locale()
        LineReader.installInterruptHandler()
        guard isInteractive else {
            history = nil
            return
        }
        rl_readline_name = UnsafePointer(strdup("gradbook"))   // for `gradbook:` lines in ~/.editrc
        rl_attempted_completion_function = completeWord
        rl_getc_function = readKey
        rl_basic_word_break_characters = UnsafePointer(strdup(LineReader.wordBreaks))
        history = historyPath.map(PromptHistory.init(path:))
    }

    /// Reads one line, showing `prompt` at a terminal; Tab completes with `completion`.
    func read(prompt: String, completion: CompletionRequest? = nil) -> LineInput {
        guard isInteractive else {
            guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
            return .line(line)
        }
        completionRequest.withLock { $0 = completion }
        interruptRequested.store(false, ordering: .relaxed)
        keysAtPrompt.store(0, ordering: .relaxed)
        guard let raw = readline(prompt) else {
            Terminal.write("\n")  // after ^C libedit leaves the cursor on the line; after ^D it prints ^D without a newline
            return interruptRequested.exchange(false, ordering: .relaxed) ? .interrupted : .endOfInput
        }
        defer { free(raw) }
        return .line(String(cString: raw))
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

    /// `sigaction` with `sa_flags = 0`, so that `readline` returns on ^C (docs/libedit.md, "Signals").
    ///
    /// SIGINT is also unblocked, in case whatever started gradbook blocked it: the threads
    /// started later (the interpreter's) inherit this thread's mask, so ^C reaches the flag
    /// whichever thread the kernel picks.
    private static func installInterruptHandler() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handleSIGINT
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
    }

    // MARK: Completion

    /// Where libedit's words end. `Completer` decides the real word; these only need to split
    /// at least as finely (a dot, a slash, an operator), so that the list Tab Tab shows holds
    /// short words (`history`, `train.csv`) rather than whole expressions.
    static let wordBreaks = " \t\n\"'`()[]{},;=+-*/@^:.#<>!&|~%$?"

    /// Above this many keys typed at one prompt, Tab does nothing (the terminal bell rings):
    /// libedit's `rl_complete` segfaults on a line of about 175,000 characters, and no
    /// completion is worth scanning a line that long. Keys typed bound the line's length from
    /// above; Ctrl-U, which empties the line, starts the count again. History keeps no cell
    /// this long either, so Up cannot bring one back.
    static let completionLengthCap = 10_000
}

/// Keys read at the current prompt (see `LineReader.completionLengthCap`).
private let keysAtPrompt = Atomic<Int>(0)

/// libedit's key reader (`rl_getc_function`), replaced to count keys and to drop Tab past the
/// cap. libedit takes the value returned as one wide character, so UTF-8 is decoded here; -1
/// ends the line, as on Ctrl-C (a SIGINT interrupts `read`) or the end of input, while a
/// signal that is not Ctrl-C (SIGWINCH) just reads on.
private func readKey(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
    while true {
        guard let first = readByte() else { return -1 }
        var scalar = UInt32(first)
        let extra = first >= 0xF0 ? 3 : first >= 0xE0 ? 2 : first >= 0xC0 ? 1 : 0
        if extra > 0 {
            scalar &= 0x3F >> UInt32(extra)
            for _ in 0..<extra {
                guard let next = readByte() else { return -1 }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
        }
        if scalar == 0x15 { keysAtPrompt.store(0, ordering: .relaxed) }   // Ctrl-U: the line is empty again
        let typed = keysAtPrompt.add(1, ordering: .relaxed).newValue
        if scalar == 0x09, typed > LineReader.completionLengthCap {
            Terminal.write("\u{7}")
            continue
        }
        return Int32(bitPattern: scalar)
    }
}

/// One byte of standard input; nil at its end, on an error, or when Ctrl-C interrupted the read.
private func readByte() -> UInt8? {
    var byte: UInt8 = 0
    while true {
        let n = Glibc.read(0, &byte, 1)
        if n == 1 { return byte }
        if n < 0, errno == EINTR, !interruptRequested.load(ordering: .relaxed) { continue }
        return nil
    }
}

/// libedit's completion callback: asks the `Completer` and hands back a malloc'd array
/// `[common prefix, candidates…, NULL]` (at least 3 slots: libedit reads `matches[2]`, docs/libedit.md, "Completion").
/// `start` and `end` count wide characters (Unicode scalars), as `Completion` does.
private func completeWord(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_attempted_completion_over = 1   // never fall back to libedit's own file names
    rl_completion_append_character = 0
    guard let request = completionRequest.withLock({ $0 }) else { return nil }
    let word = text.map { String(cString: $0) } ?? ""
    let line = rl_line_buffer.map { String(cString: $0) } ?? word
    var before = String(String.UnicodeScalarView(line.unicodeScalars.prefix(Int(end))))
    if !before.unicodeScalars.reversed().starts(with: word.unicodeScalars.reversed()) { before = word }
    let prefixLength = request.earlierLines.isEmpty ? 0 : request.earlierLines.unicodeScalars.count + 1
    let text = request.earlierLines.isEmpty ? before : request.earlierLines + "\n" + before
    let wordStart = prefixLength + before.unicodeScalars.count - word.unicodeScalars.count
    let completion = request.completer.complete(text)
    let candidates = completion.candidates(replacingFrom: wordStart, in: text)
    guard !candidates.isEmpty else { return nil }
    let slots = Swift.max(candidates.count + 2, 3)
    guard let raw = calloc(slots, MemoryLayout<UnsafeMutablePointer<CChar>?>.stride) else { return nil }
    let matches = raw.assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self)
    matches[0] = strdup(Completion(start: 0, candidates: candidates).commonPrefix)
    if candidates.count > 1 {
        for (i, candidate) in candidates.enumerated() { matches[i + 1] = strdup(candidate) }
    }
    return matches
}

/// The prompt's history: loaded from a file at start, saved after every cell, bounded in size.
///
/// Saving re-reads the file first and adds this session's new entries to it, under a lock, so
/// two sessions open at once both keep theirs. It writes a temporary file and renames it over the old one
/// (`write_history` truncates in place, and a session closed mid-write would leave an empty
/// file), and bounds it with `stifle_history`, never `history_truncate_file`, which corrupts
/// the file (docs/libedit.md, "History").
final class PromptHistory {
    /// Entries kept: enough for months of sessions, small enough to load in a millisecond.
    static let limit: Int32 = 1_000

    let path: String
    /// Entries added since the last save.
    private var unsaved: [String] = []
    private var last: String?
    private var warned = false

    init(path: String) {
        self.path = path
        rl_initialize()
        using_history()
        clear_history()
        _ = read_history(path)   // a missing file is an empty history
        stifle_history(PromptHistory.limit)
    }

    /// Adds a whole cell (its lines joined, so Up recalls it as one entry) and saves the file.
    func remember(_ cell: String) {
        guard !cell.allSatisfy(\.isWhitespace), cell != last, cell.utf8.count <= LineReader.completionLengthCap else { return }
        last = cell
        add_history(cell)
        unsaved.append(cell)
        save()
    }

    /// Merges this session's new entries into the file, keeping the newest `limit`.
    ///
    /// The read-merge-rename holds an exclusive `flock` on a lock file beside the history
    /// (not on the history itself, which the rename replaces): without it, two sessions saving
    /// at once both read the old file, and the second rename drops the first one's entries.
    func save() {
        guard !unsaved.isEmpty else { return }
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if lock >= 0 {
            while flock(lock, LOCK_EX) != 0, errno == EINTR {}
        }
        defer { if lock >= 0 { close(lock) } }   // closing releases the lock
        clear_history()
        _ = read_history(path)
        for entry in unsaved { add_history(entry) }
        stifle_history(PromptHistory.limit)
        let temporary = path + ".tmp-\(getpid())"
        let written = write_history(temporary)
        if written == 0, rename(temporary, path) == 0 {
            unsaved = []
            return
        }
        unlink(temporary)
        if !warned {
            warned = true
            Terminal.writeError("gradbook: cannot save the prompt history to \(path): \(String(cString: strerror(written != 0 ? written : errno)))\n")
        }
    }

    /// The entries in memory, oldest first (for tests).
    var entries: [String] {
        (0..<history_length).compactMap { i in history_get(history_base + i).flatMap { $0.pointee.line }.map { String(cString: $0) } }
    }
}
