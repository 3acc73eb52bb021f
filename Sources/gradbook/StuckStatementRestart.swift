import Glibc
import Synchronization

/// A second Ctrl-C within a second, while a statement runs, ends a statement that does not
/// stop: as `gradbook run` ends the process, but the REPL goes on. A Swift thread cannot be
/// cancelled, so the process replaces itself (`execv`) with `gradbook --resume JOURNAL`: every
/// cell that completed is in the journal, so the session comes back, without the stuck one.
///
/// The signal handler may make only async-signal-safe calls, so the two argument lists (with
/// and without a journal on disk yet) are built before any statement runs.
enum StuckStatementRestart {
    /// Within this many nanoseconds of the first, a second Ctrl-C restarts.
    static let window: UInt64 = 1_000_000_000

    /// True while a statement runs (at the prompt, Ctrl-C only drops the line).
    static let statementRunning = Atomic<Bool>(false)
    private static let lastInterrupt = Atomic<UInt64>(0)
    /// The prepared `argv` arrays (addresses, 0 before `prepare`), and the journal's path.
    private static let resumeArguments = Atomic<UInt>(0)
    private static let freshArguments = Atomic<UInt>(0)
    private static let journalPath = Atomic<UInt>(0)
    private static let message = Atomic<UInt>(0)

    /// Builds the argument lists for a session journaled at `journal`.
    static func prepare(journal: String, allowPaths: [String], seed: UInt64) {
        let options = allowPaths.flatMap { ["--allow-path", $0] }
        resumeArguments.store(cArray(["gradbook", "--resume", journal] + options), ordering: .relaxed)
        freshArguments.store(cArray(["gradbook", "--seed", String(seed)] + options), ordering: .relaxed)
        journalPath.store(UInt(bitPattern: strdup(journal)), ordering: .relaxed)
        message.store(UInt(bitPattern: strdup("\ngradbook: the statement did not stop at Ctrl-C; restarting the session from its journal\n")),
                      ordering: .relaxed)
    }

    /// Called from the SIGINT handler with the flag's previous value.
    static func interrupted(wasPending: Bool) {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let nanoseconds = UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
        let previous = lastInterrupt.exchange(nanoseconds, ordering: .relaxed)
        guard wasPending, statementRunning.load(ordering: .relaxed), nanoseconds &- previous < window else { return }
        guard let path = UnsafePointer<CChar>(bitPattern: journalPath.load(ordering: .relaxed)) else { return }
        let journalExists = access(path, F_OK) == 0
        let argv = journalExists ? resumeArguments.load(ordering: .relaxed) : freshArguments.load(ordering: .relaxed)
        guard let argv = UnsafePointer<UnsafeMutablePointer<CChar>?>(bitPattern: argv) else { return }
        if let text = UnsafePointer<CChar>(bitPattern: message.load(ordering: .relaxed)) { _ = write(2, text, strlen(text)) }
        execv("/proc/self/exe", argv)
    }

    /// A NULL-terminated array of C strings that lives until the process ends.
    private static func cArray(_ strings: [String]) -> UInt {
        let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: strings.count + 1)
        for (i, s) in strings.enumerated() { array[i] = strdup(s) }
        array[strings.count] = nil
        return UInt(bitPattern: array)
    }
}
