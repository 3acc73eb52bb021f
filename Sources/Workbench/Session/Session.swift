import Autodiff
import Language
import NN

/// A gradbook session: the workspace, the random stream, the numbered cells, and the one
/// `run(source)` path that the REPL, `run "f.grad"`, `gradbook run` and `gradbook check` all use.
///
/// All state lives here (no globals), so a session can be saved, replayed and tested in
/// isolation. Statements are transactional: after an error the workspace, the random stream
/// and the settings are as they were before that statement.
public final class Session {
    /// Named values, in the order they were first assigned (for `vars`).
    public internal(set) var workspace: [String: Value] = [:]
    var workspaceOrder: [String] = []
    /// The session's random stream; every random number comes from here (`seed N` resets it).
    public internal(set) var random: RandomGenerator
    public internal(set) var seed: UInt64
    /// The seed the session started from (written in a saved session's header).
    public let initialSeed: UInt64
    /// Folders a confined script may use besides its own (`--allow-path`).
    public var allowedPaths: [String] = []
    /// How numbers print (`precision N`).
    public var numberFormat = NumberFormat()
    /// Every statement run so far, numbered.
    public internal(set) var cells: [Cell] = []
    /// The loss of the last `fit` step or `train_step`, for `chain loss …`.
    public internal(set) var lastLoss: Tensor?
    /// The last change of each param, by its node (see `Session+Staleness.swift`).
    var paramChanges: [ObjectIdentifier: ParamChange] = [:]
    /// Where scripts may read and write.
    public var filePolicy: FileAccessPolicy = .unrestricted
    /// The terminal, the output sinks and the interrupt flag.
    public var environment: SessionEnvironment
    /// The built-ins.
    public let builtins = BuiltinRegistry.standard
    /// Cells run since the last `save` (what Ctrl-D asks about).
    public internal(set) var unsavedCells = 0
    /// The most `undo` steps kept.
    public static let undoDepth = 50

    var undoStack: [Snapshot] = []
    /// The expression each workspace name was last assigned from (for `compare` to find the
    /// factors of a gradient written by hand).
    var definitions: [String: Expr] = [:]
    /// The locals of the `def` calls being evaluated, innermost (the running one) last; only
    /// the last is visible.
    var scopes: [[String: Value]] = []
    var callDepth = 0
    /// Set by `break` until the innermost loop around it ends.
    var breakRequested = false
    /// The stack of the thread running the current `run` (measured at its start).
    var stack = StackGuard()
    /// Output of the statement being run.
    var pendingOutput: [String] = []
    /// SVGs of the plots drawn by the statement being run.
    var pendingPlots: [String] = []
    /// Their terminal drawings, as they appear in the statement's output.
    var pendingPlotTexts: [String] = []
    /// Counts writes to the workspace, so a statement knows whether it changed it.
    var workspaceWrites = 0
    /// The source being run, for quoting arguments as written.
    var currentSource = SourceText("")
    /// How the statement being run renders diagnostics (warnings print as part of its output).
    var currentRenderer = DiagnosticRenderer()
    /// Set by `quit`.
    var quitRequested = false
    /// Nesting of `run "file"` inside a session (a script cannot run itself forever).
    var scriptDepth = 0
    /// Failed statements of scripts run inside the current cell (`run "f.grad"`).
    var nestedFailures = 0
    /// Set when a long command saw Ctrl-C: the rest of the cell or script is not run.
    var interruptObserved = false

    /// Interrupt checks made since the current cell began (one per step of `fit`, iteration
    /// of `repeat`, statement of `run`, step of `walk`), in an order fixed by the program.
    var interruptChecks = 0
    /// The first check of the current cell that stopped it (Ctrl-C, or `q` at a `walk`
    /// pause): `save` writes `interrupt_at K` before the statement, so that it replays to
    /// the same point.
    var stoppedAtCheck: Int?
    /// Set by `interrupt_at K`: the next statement stops at its K-th check.
    var scheduledStop: Int?
    /// The check at which the current cell stops, from a scheduled stop it consumed.
    var cellStop: Int?
    /// The same for a statement of a script that `run "f"` is replaying (its stop is part of
    /// the script, not of the cell running it, and is not recorded again).
    var innerStop: Int?

    /// Asks whether Ctrl-C was pressed (one interrupt check: see `InterruptChecks`), and
    /// remembers a yes for the rest of the run. A scheduled stop answers yes from its check
    /// on, without ending the rest of the script.
    func interruptPending() -> Bool {
        interruptChecks += 1
        if environment.interruptRequested() {
            interruptObserved = true
            if stoppedAtCheck == nil { stoppedAtCheck = interruptChecks }
            return true
        }
        if let stop = cellStop, interruptChecks >= stop {
            if stoppedAtCheck == nil { stoppedAtCheck = interruptChecks }
            return true
        }
        if let stop = innerStop, interruptChecks >= stop { return true }
        return false
    }

    /// Records that the person stopped the current statement at the check just made (`q`
    /// at a `walk` pause), as Ctrl-C would have.
    func recordStopAtLastCheck() {
        if stoppedAtCheck == nil { stoppedAtCheck = interruptChecks }
    }

    /// Comment-only cells typed since the last statement (saved before the next one).
    var pendingComments: [String] = []
    /// Set by `undo`, whose own cell must not push another undo step.
    var undoDepthConsumed = false

    /// A fresh session whose random stream starts from `seed`.
    public init(seed: UInt64 = 0, environment: SessionEnvironment = .script) {
        self.seed = seed
        self.initialSeed = seed
        self.random = RandomGenerator(seed: seed)
        self.environment = environment
    }

    // MARK: Snapshots

    /// What a statement may change, captured before it runs.
    struct Snapshot {
        let workspace: [String: Value]
        let order: [String]
        let random: RandomGenerator
        let seed: UInt64
        let numberFormat: NumberFormat
        let lastLoss: Tensor?
        let paramChanges: [ObjectIdentifier: ParamChange]
        /// The engine's change clock, ticked when the snapshot was taken, so that what was
        /// computed before it is told apart from what was computed after (for `undo`).
        let changeClockTime: UInt64
        /// The cell whose change this snapshot undoes (its number and source), for `undo` to name.
        var undoneCell: (number: Int, source: String)?
    }

    func snapshot() -> Snapshot {
        Snapshot(workspace: workspace, order: workspaceOrder, random: random, seed: seed,
                 numberFormat: numberFormat, lastLoss: lastLoss, paramChanges: paramChanges,
                 changeClockTime: Node.tickChangeClock())
    }

    func restore(_ s: Snapshot) {
        workspace = s.workspace
        workspaceOrder = s.order
        random = s.random
        seed = s.seed
        numberFormat = s.numberFormat
        lastLoss = s.lastLoss
        paramChanges = s.paramChanges
    }

    // MARK: Output

    /// Prints a line (or lines) of the current statement's output.
    func emit(_ text: String) {
        pendingOutput.append(text)
        environment.emit(text)
    }

    /// Prints `text` with a different form at the terminal (colours): the transcript keeps the
    /// plain text, so saved sessions replay the same with or without a terminal.
    func emit(_ text: String, atTerminal display: String) {
        pendingOutput.append(text)
        environment.emit(display)
    }

    /// The source text within `range` of the statement being run.
    func sourceText(in range: SourceRange) -> String {
        String(currentSource.text(in: range))
    }

    // MARK: Names

    /// The value bound to `name`: inside a `def`, the function's own parameters and locals,
    /// then the workspace; never the locals of the function that called it (lexical scope,
    /// as in Python — a caller's `t` must not change what the callee's `t` means).
    func lookup(_ name: String) -> Value? {
        if let v = scopes.last?[name] { return v }
        return workspace[name]
    }

    /// Binds `name` in the current scope: the running function's locals inside a `def` (its
    /// caller's are out of reach), else the workspace. A tensor's graph node takes the name
    /// as its label if it has none yet.
    func assign(_ name: String, _ value: Value) {
        if case .tensor(let t) = value, let node = t.node, node.label == nil { node.label = name }
        if scopes.isEmpty, case .tensor(let old)? = workspace[name], let oldNode = old.node, oldNode.isLeaf,
           Session.params(of: value).first?.node !== oldNode {
            // `w = param(w - 0.1 * grad(w))`: the name now means another param, and what was
            // computed from the old one no longer describes w.
            markChanged([old], by: "assignment")
        }
        if !scopes.isEmpty {
            scopes[scopes.count - 1][name] = value
            return
        }
        if workspace[name] == nil { workspaceOrder.append(name) }
        workspace[name] = value
        workspaceWrites += 1
    }

    /// Removes every name (`clear`).
    func clearWorkspace() {
        workspace = [:]
        workspaceOrder = []
        lastLoss = nil
        workspaceWrites += 1
    }

    /// Records the loss of a training step for `chain loss …`.
    func recordLoss(_ loss: Tensor) {
        lastLoss = loss
    }

    /// Names in the workspace, in the order they were first assigned.
    public var variableNames: [String] { workspaceOrder.filter { workspace[$0] != nil } }

    /// Replaces the random stream (`seed N`).
    func reseed(_ newSeed: UInt64) {
        seed = newSeed
        random = RandomGenerator(seed: newSeed)
    }

    /// Marks the session as saved (after `save`).
    func markSaved() { unsavedCells = 0 }
}
