/// Counts a cell's interrupt checks, so that a cell Ctrl-C stopped can be replayed to the same
/// point.
///
/// Long commands ask `environment.interruptRequested()` between steps (each step of `fit`,
/// each iteration of `repeat`), in an order fixed by the program and never by the clock. So
/// "Ctrl-C was first seen at the K-th check of this cell" pins the stop exactly: a replay that
/// answers "interrupted" from the K-th check on stops `fit` after the same step. The journal
/// stores K with the cell (`JournalRecord.stoppedAtCheck`).
public final class InterruptChecks {
    /// Whether the person pressed Ctrl-C (the REPL's SIGINT flag).
    private let requested: () -> Bool
    /// Checks made since the cell began.
    public private(set) var count = 0
    /// The first check that answered yes, in this cell.
    public private(set) var stoppedAt: Int?
    /// When replaying a cell that was interrupted: answer yes from this check on.
    public var replayStop: Int?

    public init(requested: @escaping () -> Bool) {
        self.requested = requested
    }

    /// Starts counting a new cell.
    public func reset() {
        count = 0
        stoppedAt = nil
    }

    /// One check: whether the running command should stop here.
    public func check() -> Bool {
        count += 1
        let stop = requested() || replayStop.map { count >= $0 } == true
        if stop, stoppedAt == nil { stoppedAt = count }
        return stop
    }
}
