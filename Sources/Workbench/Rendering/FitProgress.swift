import Language
import Foundation
import NN

/// Shows `fit` as it goes. Off a terminal (and in every transcript): one plain line per epoch
/// with the loss and metrics, no timings. At a terminal, also a Keras-like progress bar with
/// ETA and live metrics (also in a notebook kernel), redrawn in place at most ~20 times a second and never saved.
final class FitProgress: TrainingObserver {
    let session: Session
    private let quiet: Bool
    private var epochStart = Date()
    private var lastDraw = Date.distantPast
    /// The last epoch's figures, for the one line a quiet fit prints.
    private var lastEpoch: TrainingProgress?
    /// The epochs this fit has run.
    private var epochsRun = 0
    /// `stop_when=` and `checkpoint=` (see `FitControl`).
    var control = FitControl()

    init(session: Session, quiet: Bool) {
        self.session = session
        self.quiet = quiet
    }

    var shouldStop: Bool { session.interruptPending() }

    func stepEnded(_ p: TrainingProgress) {
        guard session.environment.showsProgress, !quiet else { return }
        if p.step == 1 { epochStart = Date() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.05 || p.step == p.steps else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(epochStart)
        let eta = elapsed / Double(p.step) * Double(p.steps - p.step)
        let width = 24
        let done = Int(Double(width) * Double(p.step) / Double(max(p.steps, 1)))
        let bar = String(repeating: "━", count: done) + String(repeating: "─", count: width - done)
        let values = p.values.map { "\($0.name): \(session.numberFormat.format($0.value))" }.joined(separator: "  ")
        let time = p.step == p.steps ? String(format: "%.1fs", elapsed) : String(format: "ETA %.1fs", eta)
        session.environment.transient("epoch \(p.epoch)/\(p.epochs) \(bar) \(p.step)/\(p.steps)  \(time)  \(values)")
    }

    func epochEnded(_ p: TrainingProgress) {
        lastEpoch = p
        epochsRun += 1
        guard !quiet else { return }
        session.environment.transient("")
        let values = p.values.map { "\($0.name): \(session.numberFormat.format($0.value))" }.joined(separator: "  ")
        let digits = String(p.epochs).count
        let epoch = String(repeating: " ", count: max(0, digits - String(p.epoch).count)) + String(p.epoch)
        session.emit("epoch \(epoch)/\(p.epochs)  \(values)")
    }

    /// A quiet fit's one line, once it has completed: `10 epochs: loss 0.1234 — accuracy 0.9500`.
    func reportQuietly() {
        guard quiet, let p = lastEpoch else { return }
        let values = p.values.map { "\($0.name) \(session.numberFormat.format($0.value))" }.joined(separator: " — ")
        session.emit("\(Plural.count(epochsRun, "epoch")): \(values)")
    }

    /// Clears any progress bar left on the screen.
    func finish() {
        if session.environment.showsProgress { session.environment.transient("") }
    }
}
