import Testing
@testable import Autodiff
@testable import NN

/// Early stopping and the plateau rule against transcriptions of Keras's callbacks written
/// here, on fixed sequences of monitored values.
struct FitControlRuleTests {
    /// Keras 3's `EarlyStopping.on_epoch_end` (start_from_epoch 0, no baseline), 0-based epochs,
    /// transcribed: the epoch (1-based) it stops after and the best epoch, or nil.
    static func kerasEarlyStopping(_ values: [Double], patience: Int, minDelta: Double, maximise: Bool) -> (stop: Int, best: Int)? {
        var best = maximise ? -Double.infinity : Double.infinity, bestEpoch = -1, wait = 0
        let delta = maximise ? minDelta : -minDelta
        for (epoch, current) in values.enumerated() {
            if bestEpoch < 0 { bestEpoch = epoch }
            wait += 1
            let better = maximise ? current - delta > best : current - delta < best
            if better {
                best = current
                bestEpoch = epoch
                wait = 0
                continue
            }
            if wait >= patience && epoch > 0 { return (epoch + 1, bestEpoch + 1) }
        }
        return nil
    }

    static let sequences: [[Double]] = [
        [0.9, 0.7, 0.6, 0.61, 0.62, 0.63, 0.5, 0.4],
        [0.5, 0.5, 0.5, 0.5],
        [1.0, 0.99, 0.985, 0.98, 0.979, 0.9789, 0.97],
        [0.3, 0.2, 0.25, 0.1, 0.3, 0.3, 0.3, 0.3, 0.05],
        [0.6, 0.7, 0.75, 0.74, 0.76, 0.76, 0.8],
    ]

    @Test(arguments: [(1, 0.0), (2, 0.0), (3, 0.0), (2, 0.005), (0, 0.0), (4, 0.02)])
    func earlyStoppingStopsWhereKerasDoes(patience: Int, minDelta: Double) {
        for values in Self.sequences {
            for monitor in [FitMonitor("val_loss"), FitMonitor("val_accuracy")] {
                let rule = EarlyStopping(patience: patience, minDelta: minDelta)
                var state = EarlyStopping.State(monitor: monitor)
                var ours: (stop: Int, best: Int)?
                for (i, v) in values.enumerated() where ours == nil {
                    if state.epochEnded(i + 1, value: v, rule: rule, monitor: monitor, parameters: { [Tensor(Float(i + 1))] }) {
                        ours = (i + 1, state.bestEpoch)
                        // The params kept are those of the best epoch.
                        #expect(state.bestParameters?.first?.scalar == Float(state.bestEpoch))
                    }
                }
                let keras = Self.kerasEarlyStopping(values, patience: patience, minDelta: minDelta, maximise: monitor.maximises)
                #expect(ours?.stop == keras?.stop && ours?.best == keras?.best,
                        "\(values) \(monitor.name) patience \(patience) min_delta \(minDelta): \(String(describing: ours)) vs \(String(describing: keras))")
            }
        }
    }

    /// Keras 3's `ReduceLROnPlateau.on_epoch_end` with cooldown 0, transcribed: the rate after
    /// each epoch (float32, as Keras keeps it).
    static func kerasPlateau(_ values: [Double], lr: Float, factor: Double, patience: Int, minLR: Double,
                             minDelta: Double, maximise: Bool) -> [Float] {
        var best = maximise ? -Double.infinity : Double.infinity, wait = 0, rate = lr
        var rates: [Float] = []
        for current in values {
            let better = maximise ? current > best + minDelta : current < best - minDelta
            if better {
                best = current
                wait = 0
            } else {
                wait += 1
                if wait >= patience {
                    let old = Double(rate)
                    if old > Double(Float(minLR)) {
                        rate = Float(max(old * factor, minLR))
                        wait = 0
                    }
                }
            }
            rates.append(rate)
        }
        return rates
    }

    @Test(arguments: [(0.5, 2, 0.0), (0.5, 1, 0.03), (0.1, 1, 0.0), (0.2, 0, 1e-3)])
    func plateauLowersTheRateWhereKerasDoes(factor: Double, patience: Int, minLR: Double) throws {
        for values in Self.sequences {
            for monitor in [FitMonitor("loss"), FitMonitor("accuracy")] {
                let rule = try PlateauRule(factor: factor, patience: patience, minRate: minLR)
                var state = PlateauRule.State(monitor: monitor)
                var optimizer = try Optimizer.sgd(lr: 0.1)
                var ours: [Float] = []
                for v in values {
                    _ = state.epochEnded(value: v, rule: rule, monitor: monitor, optimizer: &optimizer)
                    ours.append(optimizer.effectiveRate)
                }
                let keras = Self.kerasPlateau(values, lr: 0.1, factor: factor, patience: patience, minLR: minLR,
                                              minDelta: 1e-4, maximise: monitor.maximises)
                // The rate is lr·factorᵏ computed once, Keras's is multiplied k times in float32:
                // equal but for the last bit.
                expectClose(ours, keras, tolerance: 1e-6)
            }
        }
    }

    @Test func plateauRejectsFactorsThatDoNotLower() {
        #expect(throws: NNError.self) { try PlateauRule(factor: 1.5) }
        #expect(throws: NNError.self) { try PlateauRule(factor: 0) }
        #expect(throws: NNError.self) { try PlateauRule(minRate: -1) }
    }

    @Test func aMistypedMonitorSuggestsTheRecordedName() throws {
        var options = FitOptions()
        options.monitor = FitMonitor("val_acc")
        options.earlyStopping = EarlyStopping(patience: 2)
        #expect(throws: NNError.self) { try options.checkedMonitor(metrics: [.accuracy], validating: true) }
        do {
            _ = try options.checkedMonitor(metrics: [.accuracy], validating: true)
        } catch {
            #expect("\(error)".contains("did you mean val_accuracy?"), "\(error)")
        }
        options.monitor = FitMonitor("val_loss")
        do {
            _ = try options.checkedMonitor(metrics: [.accuracy], validating: false)
            Issue.record("val_loss without validation data must be an error")
        } catch {
            #expect("\(error)".contains("needs validation data"), "\(error)")
        }
        #expect(try options.checkedMonitor(metrics: [], validating: true).name == "val_loss")
        options.monitor = nil
        #expect(try options.checkedMonitor(metrics: [], validating: false).name == "loss")
    }
}

/// Fits that stop early, stop partway and resume, on a model with dropout, shuffling and a
/// validation split: every comparison is against the same fit run without stopping.
struct FitControlTrainingTests {
    static func data() throws -> (x: Tensor, y: Tensor) {
        var g = RandomGenerator(seed: 3)
        let rows = 90
        let x = (0..<rows * 4).map { _ in g.nextNormal() }
        let y: [Float] = (0..<rows).map { r in x[r * 4] - x[r * 4 + 1] + 0.3 * g.nextNormal() > 0 ? 1 : 0 }
        return (try Tensor(shape: [rows, 4], scalars: x), try Tensor(shape: [rows], scalars: y))
    }

    /// With dropout (its mask draws from the fit's stream) or without (the graph-free steps).
    static func model(dropout: Bool) throws -> Sequential {
        var g = RandomGenerator(seed: 8)
        var layers: [Layer] = [.dense(try Dense(units: 12, activation: .relu, inputSize: 4))]
        if dropout { layers.append(.dropout(try Dropout(rate: 0.3))) }
        layers.append(.dense(try Dense(units: 1, activation: .sigmoid)))
        var m = try Sequential(layers, using: &g)
        m.compilation = Compilation(optimizer: try .adam(lr: 0.05), loss: .bce, metrics: [.accuracy])
        return m
    }

    static func bits(_ m: Sequential) -> [[UInt32]] { m.parameters.map { $0.scalars.map(\.bitPattern) } }

    static var options: FitOptions {
        var o = FitOptions(epochs: 6, batchSize: 16, shuffle: true, validationFraction: 0.3)
        o.earlyStopping = EarlyStopping(patience: 4)
        o.plateau = try? PlateauRule(factor: 0.5, patience: 1)
        return o
    }

    /// Stops at given interrupt checks (Ctrl-C) or after given steps (`stop_when`).
    final class Stopper: TrainingObserver {
        var checks = 0
        let interruptAt: Int?, stopAfterStep: Int?
        var epochsSeen: [Int] = []
        init(interruptAt: Int? = nil, stopAfterStep: Int? = nil) {
            self.interruptAt = interruptAt
            self.stopAfterStep = stopAfterStep
        }
        func stepEnded(_ progress: TrainingProgress) {}
        func epochEnded(_ progress: TrainingProgress) { epochsSeen.append(progress.epoch) }
        var shouldStop: Bool { checks += 1; return checks == interruptAt }
        var watchesSteps: Bool { stopAfterStep != nil }
        func stepTaken(_ step: StepRecord, model: Sequential) -> Bool { step.step == stopAfterStep }
    }

    @Test(arguments: [false, true])
    func epochsAreNumberedFromOneInEachFit(dropout: Bool) throws {
        let (x, y) = try Self.data()
        var m = try Self.model(dropout: dropout)
        var g = RandomGenerator(seed: 1)
        let first = Stopper(), second = Stopper()
        _ = try m.fit(x: x, y: y, options: FitOptions(epochs: 3), generator: &g, observer: first)
        _ = try m.fit(x: x, y: y, options: FitOptions(epochs: 2), generator: &g, observer: second)
        #expect(first.epochsSeen == [1, 2, 3])
        #expect(second.epochsSeen == [1, 2])
        #expect(m.history.epochs == 5)
    }

    /// 63 training rows in batches of 16: 4 steps an epoch, 24 in all. Stops inside an epoch,
    /// before an epoch's first step (after its shuffle), and after an epoch's last step.
    @Test(arguments: [false, true], [1, 3, 5, 9, 14, 24])
    func aStoppedFitResumesBitForBit(dropout: Bool, at point: Int) throws {
        let (x, y) = try Self.data()
        var straight = try Self.model(dropout: dropout)
        var g = RandomGenerator(seed: 21)
        let straightOutcome = try straight.fit(x: x, y: y, options: Self.options, generator: &g)

        for stopper in [Stopper(interruptAt: point), Stopper(stopAfterStep: point)] {
            var stopped = try Self.model(dropout: dropout)
            var h = RandomGenerator(seed: 21)
            let first = try stopped.fit(x: x, y: y, options: Self.options, generator: &h, observer: stopper)
            if stopper.interruptAt != nil {
                guard case .interrupted = first else { Issue.record("not interrupted: \(first)"); continue }
            } else {
                guard case .stoppedAfterStep(let s) = first else { Issue.record("not stopped: \(first)"); continue }
                #expect(s.step == point && s.epoch == (point - 1) / 4 + 1)
            }
            #expect(stopped.pausedFit != nil)
            var other = RandomGenerator(seed: 999)  // the paused fit's own stream is used
            let second = try stopped.fit(x: x, y: y, options: FitOptions(), generator: &other, resume: true)
            #expect(second == straightOutcome)
            #expect(Self.bits(stopped) == Self.bits(straight), "stopped at \(point)")
            #expect(stopped.history == straight.history)
            #expect(stopped.compilation?.optimizer.effectiveRate == straight.compilation?.optimizer.effectiveRate)
            var end = g
            #expect(other.next() == end.next(), "the stream goes on from where the whole fit left it")
            #expect(stopped.pausedFit == nil)
        }
    }

    @Test func aResumeNeedsAStoppedFitAndTheSameData() throws {
        let (x, y) = try Self.data()
        var m = try Self.model(dropout: false)
        var g = RandomGenerator(seed: 2)
        #expect(throws: NNError.self) { try m.fit(x: x, y: y, options: FitOptions(), generator: &g, resume: true) }
        _ = try m.fit(x: x, y: y, options: Self.options, generator: &g, observer: Stopper(interruptAt: 3))
        let before = Self.bits(m)
        var other = x
        other.withUnsafeMutableBufferPointer { $0[0] += 1 }
        do {
            _ = try m.fit(x: other, y: y, options: FitOptions(), generator: &g, resume: true)
            Issue.record("resume on other data must fail")
        } catch {
            #expect("\(error)".contains("other data"), "\(error)")
        }
        #expect(Self.bits(m) == before && m.pausedFit != nil)
    }

    /// restore_best puts back the params a fit of exactly the best epoch's length ends with.
    @Test(arguments: [false, true])
    func restoreBestPutsBackTheBestEpochBitForBit(dropout: Bool) throws {
        let (x, y) = try Self.data()
        var options = FitOptions(epochs: 40, batchSize: 16, validationFraction: 0.3)
        options.earlyStopping = EarlyStopping(patience: 2)
        var m = try Self.model(dropout: dropout)
        var g = RandomGenerator(seed: 4)
        let outcome = try m.fit(x: x, y: y, options: options, generator: &g)
        guard case .earlyStopped(let stop) = outcome else { Issue.record("no early stop: \(outcome)"); return }
        #expect(stop.restored && stop.epoch - stop.bestEpoch == 2 && stop.epochsWithoutImprovement == 2)
        let losses = try #require(m.history.values("val_loss"))
        #expect(losses.count == stop.epoch && losses.min() == stop.best && losses[stop.bestEpoch - 1] == stop.best)

        var short = try Self.model(dropout: dropout)
        var h = RandomGenerator(seed: 4)
        _ = try short.fit(x: x, y: y, options: FitOptions(epochs: stop.bestEpoch, batchSize: 16, validationFraction: 0.3), generator: &h)
        #expect(Self.bits(m) == Self.bits(short))
    }

    @Test func anUnknownMonitorIsAnErrorBeforeTraining() throws {
        let (x, y) = try Self.data()
        var m = try Self.model(dropout: false)
        var options = FitOptions(epochs: 2)
        options.earlyStopping = EarlyStopping(patience: 1)
        options.monitor = FitMonitor("val_loss")
        let before = Self.bits(m)
        var g = RandomGenerator(seed: 2)
        #expect(throws: NNError.self) { try m.fit(x: x, y: y, options: options, generator: &g) }
        #expect(Self.bits(m) == before && m.history.epochs == 0)
    }
}
