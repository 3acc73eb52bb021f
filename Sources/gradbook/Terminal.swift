import Foundation
import Workbench

/// The process's terminal: whether stdout is one, its width, and writing to it.
enum Terminal {
    static var stdoutIsTerminal: Bool { isatty(1) == 1 }

    /// Columns of the terminal (80 when unknown; 72 off a terminal, so saved plots are stable).
    static var width: Int {
        guard stdoutIsTerminal else { return SessionEnvironment.plainWidth }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 80
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// An environment that prints as output is produced. `interactive` enables progress bars,
    /// colours and `walk`'s pauses; long commands ask `interrupted` whether Ctrl-C was pressed
    /// (by default, the SIGINT flag itself).
    static func environment(
        interactive: Bool, askToContinue: (() -> SessionEnvironment.WalkResponse)? = nil,
        interrupted: @escaping () -> Bool = { interruptRequested.load(ordering: .relaxed) }
    ) -> SessionEnvironment {
        SessionEnvironment(
            isTerminal: interactive, usesColor: Prompt.colorsWanted(interactive: interactive), width: width,
            emit: { text in write(text + "\n") },
            emitError: { text in writeError(text + "\n") },
            transient: { text in if interactive { write("\r\u{1B}[2K" + text) } },
            interruptRequested: interrupted,
            askToContinue: askToContinue)
    }
}

/// Runs `body` on a thread with a large stack and waits for it: deeply nested expressions
/// and `def` recursion up to the interpreter's limits must never overflow the main thread's
/// 8 MB stack.
func onLargeStack<T>(_ body: @escaping () -> T) -> T {
    let box = ResultBox<T>()
    // The caller waits for the thread, so the closure never runs concurrently with it.
    nonisolated(unsafe) let work = body
    let thread = Thread {
        box.value = work()
        box.done.signal()
    }
    thread.stackSize = 512 << 20
    thread.start()
    box.done.wait()
    guard let value = box.value else { preconditionFailure("the interpreter thread returned no value") }
    return value
}

/// Carries a result from the interpreter thread back to the waiting caller.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
    let done = DispatchSemaphore(value: 0)
}
