import ArgumentParser
import Foundation
import Workbench
import Interop

/// `gradbook kernel-server`: the process behind the Jupyter kernel. It reads requests as JSON
/// lines on stdin and writes events as JSON lines on stdout (`KernelProtocol`); the wrapper
/// kernel (jupyter/gradbook_kernel) starts one per notebook.
struct KernelServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel-server",
        abstract: "Serve one session to the Jupyter kernel: JSON lines on stdin and stdout (the kernel starts it).",
        discussion: """
            Each request is one JSON object per line: {"type": "execute", "code": "…"}, \
            "complete" and "inspect" (with "cursor"), "is_complete". Events come back one per \
            line: stream, result, error, display (SVG), progress, done, completion, inspection, \
            completeness. SIGINT stops a running fit or loop at its next step, as Ctrl-C does at \
            the prompt, and the server goes on. It ends when stdin closes.
            """)

    func run() throws {
        ProcessSetup.applyLimits()
        // The protocol owns stdout: anything else that writes to fd 1 goes to stderr instead.
        let protocolDescriptor = dup(1)
        guard protocolDescriptor >= 0, dup2(2, 1) >= 0 else {
            Terminal.writeError("gradbook kernel-server: cannot set up stdout\n")
            throw ExitCode(1)
        }
        Self.installInterruptHandler()
        let events = KernelEventWriter(fileDescriptor: protocolDescriptor)
        let environment = ProcessInfo.processInfo.environment
        let server = KernelServer(events: events, homeDirectory: environment["HOME"] ?? NSHomeDirectory())
        events.send(.ready(version: GradbookVersion.string))
        while let line = readLine(strippingNewline: true) {
            if line.allSatisfy(\.isWhitespace) { continue }
            server.handle(line: line)
        }
    }

    /// SIGINT only raises the flag that `fit` and loops poll, however often it comes: Jupyter
    /// sends it to the whole process group (the wrapper and this server), and a notebook's
    /// interrupt must never end the session. (The wrapper ends a server that stops answering.)
    static func installInterruptHandler() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruptRequested.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
    }
}
