import Autodiff
import Language
import NN

/// Stale values: a value computed from a param before that param changed (`step`, `fit`,
/// `train_step`, assigning the param's name anew, `import`, `undo`) describes numbers that are
/// gone. `backward`, `chain`, `walk`, `trace` and `graph` on it are errors naming the param and
/// the cell that changed it — backward through it would silently give the old gradient.
extension Session {
    /// The last change of a param: when (the engine's change clock), in which cell, by what.
    struct ParamChange {
        let time: UInt64
        let cell: Int
        let command: String
        /// Set by `undo`: values read in this span of time were the undone values, and are gone too.
        var undone: (span: Range<UInt64>, cell: Int)?

        /// The cell and command that made values read at `born` stale, or nil if they are current.
        func staleness(born: UInt64) -> (cell: Int, command: String)? {
            if born < time { return (cell, command) }
            if let undone, undone.span.contains(born) { return (undone.cell, "undo") }
            return nil
        }
    }

    /// The number the statement being run will have (`In [n]`).
    var currentCellNumber: Int { cells.count + 1 }

    /// Records that the statement being run changes these params. Values computed before this
    /// call are stale for them; values computed after it (a fit's last loss) are current.
    func markChanged(_ params: [Tensor], by command: String) {
        let time = Node.tickChangeClock()
        for p in params {
            guard let node = p.node, node.isLeaf else { continue }
            paramChanges[ObjectIdentifier(node)] = ParamChange(time: time, cell: currentCellNumber, command: command)
        }
    }

    /// The params of a workspace value: a param tensor, or a model's params.
    static func params(of value: Value) -> [Tensor] {
        switch value {
        case .tensor(let t): return t.node?.isLeaf == true ? [t] : []
        case .model(let m): return m.parameters
        default: return []
        }
    }

    /// Throws when `value` (written `name`, at `range`) was computed before a param it depends on changed.
    func checkCurrent(_ value: Tensor, name: String, at range: SourceRange, command: String) throws(Diagnostic) {
        let changes = paramChanges
        guard !changes.isEmpty,
              let (param, born) = value.staleParam(isStale: { changes[ObjectIdentifier($0)]?.staleness(born: $1) != nil }),
              let cause = changes[ObjectIdentifier(param)]?.staleness(born: born) else { return }
        let paramName = param.label ?? "a param"
        let how = cause.command == "assignment" ? "assigned \(paramName) anew" : "changed it (\(cause.command))"
        throw .error(.commandFailed(command: command, problem: "\(name) is stale: it was computed from \(paramName) before In [\(cause.cell)] \(how)"),
                     at: range, hint: .hintAdvice("recompute \(name) from the current \(paramName) (run the statement that computes it again), then \(command) it"))
    }

    /// After `undo` put back the workspace of a snapshot taken at `snapshotTime`: the values of
    /// the params it changed are those of that time again, so what was computed from them since
    /// (between the snapshot and now) is stale, and what was computed before is current again.
    func markChangedByUndo(before: [String: Value], snapshotTime: UInt64) {
        var previous: [ObjectIdentifier: ObjectIdentifier] = [:]  // node → storage before the undo
        for value in before.values {
            for p in Session.params(of: value) { if let n = p.node { previous[ObjectIdentifier(n)] = p.storageIdentity } }
        }
        var changed: [Node] = []
        for value in workspace.values {
            for p in Session.params(of: value) {
                guard let n = p.node, let old = previous[ObjectIdentifier(n)], old != p.storageIdentity else { continue }
                changed.append(n)
            }
        }
        guard !changed.isEmpty else { return }
        let now = Node.tickChangeClock()
        for n in changed {
            let id = ObjectIdentifier(n)
            var change = paramChanges[id] ?? ParamChange(time: 0, cell: currentCellNumber, command: "undo")
            change.undone = (snapshotTime..<now, currentCellNumber)
            paramChanges[id] = change
        }
    }
}
