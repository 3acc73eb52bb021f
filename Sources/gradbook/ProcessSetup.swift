import Autodiff
import Foundation
import Matmul

/// What every command sets up before it runs a session: the SIGINT flag for scripts (the REPL's
/// line reader installs its own), the allocation limit from the environment, and denormals
/// flushed to zero on the main thread (the thread that runs the session's elementwise work).
enum ProcessSetup {
    /// Ctrl-C (SIGINT) raises `interruptRequested`; `fit`, `repeat` and replays poll it and stop
    /// at the next step boundary, keeping the work done. A second Ctrl-C while the first is still
    /// pending ends the process, so a stuck script can always be stopped.
    static func installScriptInterruptHandler() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            if interruptRequested.exchange(true, ordering: .relaxed) { _exit(130) }
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// `--timeout`: after `seconds`, raise the interrupt flag so the running statement stops at
    /// its next step; if the script has not ended 2 seconds later (a statement with no step
    /// boundary), end the process with status 124 (as timeout(1) does).
    static func startTimeout(seconds: Double) {
        let thread = Thread {
            Thread.sleep(forTimeInterval: max(0, seconds))
            interruptRequested.store(true, ordering: .relaxed)
            FileHandle.standardError.write(Data("gradbook: timed out after \(seconds) s\n".utf8))
            Thread.sleep(forTimeInterval: 2)
            _exit(124)
        }
        thread.start()
    }

    /// `GRADBOOK_MAX_ELEMENTS` caps the elements of any one tensor (default: a quarter of the
    /// usable memory in float32s; see `TensorAllocationLimit`);
    /// denormals are flushed on this thread (see `Denormals`).
    static func applyLimits() {
        Denormals.flushOnThisThread()
        if let rejection = MatmulConfiguration.current.blockOverrideRejection {
            FileHandle.standardError.write(Data("gradbook: \(rejection)\n".utf8))
        }
        if let text = ProcessInfo.processInfo.environment["GRADBOOK_MAX_ELEMENTS"], let n = Int(text), n > 0 {
            TensorAllocationLimit.elements = n
        }
    }
}
