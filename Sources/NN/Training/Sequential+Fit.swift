import Autodiff
import Matmul
import Datasets

extension Sequential {
    /// Trains the compiled model on samples `x` `[n] + inputShape` with targets `y` (Keras's `fit`).
    ///
    /// Each epoch shuffles the rows with `generator` (when `shuffle`), then takes one optimizer
    /// step per batch; epochs are numbered from 1 in each call, and `history` keeps growing.
    /// Training stops early — keeping every completed step — when the observer asks (Ctrl-C,
    /// or its `stepTaken` after a step: `stop_when`), and then `resume: true` continues it
    /// exactly; or when early stopping says so after an epoch; or when a loss or gradient is not
    /// finite: that step is not applied, so the params stay those of the last finite step, and
    /// the outcome says where the NaN appeared. The optimizer's state is kept on every exit.
    ///
    /// With `keepFinalGraph`, the last step's loss keeps its graph (and the params their
    /// gradients from it) in `lastStepLoss`, so `chain loss model[0].W` can show that step.
    ///
    /// A dense σ-classifier (the seed model's kind) takes its steps without a graph
    /// (``DenseTrainingStep``: the same numbers, no per-step allocation), but the last one, which
    /// leaves the graph's gradients on the params as every other model's last step does — and
    /// every one when the observer watches each step.
    public mutating func fit(
        x: Tensor, y: Tensor, validation: (x: Tensor, y: Tensor)? = nil, options: FitOptions,
        generator: inout RandomGenerator, observer: TrainingObserver? = nil, keepFinalGraph: Bool = false,
        resume: Bool = false
    ) throws(NNError) -> FitOutcome {
        try fit(x: x, y: y, validation: validation, options: options, generator: &generator,
                observer: observer, keepFinalGraph: keepFinalGraph, denseSteps: true, resume: resume)
    }

    /// `fit`, with `denseSteps: false` taking every step through the graph (tests compare).
    mutating func fit(
        x: Tensor, y: Tensor, validation: (x: Tensor, y: Tensor)?, options requested: FitOptions,
        generator: inout RandomGenerator, observer: TrainingObserver?, keepFinalGraph: Bool,
        denseSteps: Bool, resume: Bool = false
    ) throws(NNError) -> FitOutcome {
        guard var compilation else { throw .notCompiled }
        // Whatever way the fit ends, even by a throw after steps were taken, the optimizer's
        // state (its step count and moments) stays with the params it stepped.
        defer { self.compilation = compilation }
        let dataKey = FitDataKey([x, y] + (validation.map { [$0.x, $0.y] } ?? []))
        var options = requested
        var paused: PausedFit?
        if resume {
            guard let p = pausedFit else {
                throw .invalidOption(name: "resume", message: "finds no stopped fit in this model (a fit stopped by Ctrl-C, a timeout or stop_when can be resumed)")
            }
            guard p.data == dataKey else {
                throw .invalidOption(name: "resume", message: "needs the data the stopped fit trained on (\(p.data.shapes.map { "\($0)" }.joined(separator: ", "))), not other data: resume it with the same data and validation")
            }
            (options, paused) = (p.options, p)
        }
        lastStepLoss = nil
        Denormals.flushOnThisThread()  // Adam's moments decay into the denormal range
        try options.validate()
        let total = x.shape.first ?? 0
        guard total > 0 else {
            throw .emptyData("fit needs at least one row of data [n, \(inputShape.map(String.init).joined(separator: ", "))]")
        }
        try checkSamples(x)
        // Checked now, not at the end of the first epoch, so wrong validation data costs no steps.
        if let validation { try checkSamples(validation.x) }

        var trainX = x, trainY = y, heldOut = validation
        if let fraction = options.validationFraction {
            // Keras's cut: ⌊n·(1 − f)⌋ rows train and the last rows validate, with f the
            // decimal as written (120 rows, validation=0.2: 96 and 24), computed exactly.
            let cut = DecimalFraction(fraction).map { total - $0.ceilingTimes(total) } ?? 0
            guard cut > 0, cut < total else {
                throw .invalidOption(name: "validation", message: "\(fraction) of \(total) rows leaves no training or no validation rows")
            }
            do {
                trainX = try x.slice([.range(start: 0, stop: cut, step: nil)])
                trainY = try y.slice([.range(start: 0, stop: cut, step: nil)])
                heldOut = (try x.slice([.range(start: cut, stop: nil, step: nil)]),
                           try y.slice([.range(start: cut, stop: nil, step: nil)]))
            } catch { throw .tensor(error, layer: nil) }
        }
        let n = trainX.shape[0]
        try checkTargets(trainY, rows: n, loss: compilation.loss, metrics: compilation.metrics)
        if let heldOut { try checkTargets(heldOut.y, rows: heldOut.x.shape.first ?? 0, loss: compilation.loss, metrics: compilation.metrics) }
        let metrics = compilation.metrics
        let monitor = try options.checkedMonitor(metrics: metrics, validating: heldOut != nil)

        // From here on the fit runs: a stopped fit is resumed or replaced.
        pausedFit = nil

        let batch = Swift.min(options.batchSize, n)
        try checkBatchRows(rows: n, batch: batch)
        let steps = (n + batch - 1) / batch
        var order = paused?.order ?? Array(0..<n)
        var batcher = try RowBatcher(x: trainX, y: trainY, batchSize: batch)
        let watchesSteps = observer?.watchesSteps == true
        let denseStep = denseSteps && !watchesSteps ? DenseTrainingStep.make(for: self, batchSize: batch) : nil
        var progress = paused?.progress ?? MonitorProgress(monitor: monitor, options: options)
        var stepsTaken = paused?.stepsTaken ?? 0
        if let paused { generator = paused.generator }

        for epoch in (paused?.epoch ?? 1)...options.epochs {
            let resumed = paused != nil && epoch == paused?.epoch
            compilation.optimizer.beginEpoch()  // the schedule's rate of this epoch (idempotent mid-epoch)
            if options.shuffle && !resumed { generator.shuffle(&order) }
            var sums = resumed ? paused?.sums ?? EpochSums(metricCount: metrics.count) : EpochSums(metricCount: metrics.count)
            let pause = { (cause: PausedFit.Cause, done: Int, g: RandomGenerator) in
                PausedFit(cause: cause, options: options, data: dataKey, epoch: epoch, stepsDone: done,
                          stepsTaken: stepsTaken, order: order, sums: sums, generator: g, progress: progress)
            }
            for step in (resumed ? paused?.stepsDone ?? 0 : 0)..<steps {
                if observer?.shouldStop == true {
                    pausedFit = pause(.interrupt, step, generator)
                    lastStepLoss = nil  // a graph kept at an earlier epoch's end is of older params
                    return .interrupted(epoch: epoch, steps: step)
                }
                let rows = order[(step * batch)..<Swift.min((step + 1) * batch, n)]
                let (xb, yb) = batcher.batch(rows)
                let isFinalStep = epoch == options.epochs && step == steps - 1
                // The step a stop may show keeps its graph: the last, every epoch's last when
                // early stopping may end the fit there, and every one under `stop_when`.
                let keepsGraph = keepFinalGraph
                    && (isFinalStep || watchesSteps || (options.earlyStopping != nil && step == steps - 1))
                let rate = compilation.optimizer.effectiveRate

                let lossValue: Float, prediction: Tensor
                if !isFinalStep, !keepsGraph, let denseStep,
                   let taken = takeDenseStep(denseStep, x: xb, y: yb, optimizer: &compilation.optimizer) {
                    (lossValue, prediction) = taken
                } else {
                    var updates = LayerStateUpdates()
                    let (loss, graphPrediction) = try lossGraph(x: xb, y: yb, training: true, generator: &generator, updates: &updates)
                    (lossValue, prediction) = (loss.scalar ?? .nan, graphPrediction)
                    guard lossValue.isFinite else {
                        return .nonFinite(epoch: epoch, step: step + 1, report: loss.diagnoseNonFiniteForward())
                    }
                    do { try loss.backward(keepGraph: keepsGraph) } catch { throw .tensor(error, layer: nil) }
                    lastStepLoss = keepsGraph ? loss : nil
                    let params = trainableParameters
                    let gradients = params.map { $0.grad ?? Tensor(0) }
                    guard gradients.allSatisfy(\.isFinite) else {
                        let report = diagnoseGradients(x: xb, y: yb, generator: &generator)
                        return .nonFinite(epoch: epoch, step: step + 1, report: report)
                    }
                    // Only a step that may be looked at records ‖Δθ‖/‖θ‖: holding the old params
                    // makes the in-place update copy them.
                    let recordsRatios = isFinalStep || keepsGraph
                    let before = recordsRatios ? params : []
                    updateParameters { params in compilation.optimizer.step(&params, gradients: gradients) }
                    try apply(updates)
                    if recordsRatios { recordUpdateRatios(before: before) }
                }
                stepsTaken += 1

                let rowsInBatch = rows.count
                sums.seen += rowsInBatch
                sums.loss += Double(lossValue) * Double(rowsInBatch)
                for (i, metric) in metrics.enumerated() {
                    sums.metrics[i] += metric.batchTotal(prediction: prediction, target: yb)
                }
                if let observer {
                    observer.stepEnded(TrainingProgress(
                        epoch: epoch, epochs: options.epochs, step: step + 1, steps: steps,
                        values: Sequential.means(sums.loss, sums.metrics, metrics, sums.seen)))
                    let record = StepRecord(loss: lossValue, step: stepsTaken, epoch: epoch, learningRate: rate)
                    if watchesSteps {
                        self.compilation = compilation  // the model the observer sees is this step's
                        if observer.stepTaken(record, model: self) {
                            pausedFit = pause(.stopWhen, step + 1, generator)
                            return .stoppedAfterStep(record)
                        }
                    }
                }
            }
            var values = Sequential.means(sums.loss, sums.metrics, metrics, sums.seen)
            if let heldOut {
                let validationValues = try evaluate(x: heldOut.x, y: heldOut.y)
                values += validationValues.map { ("val_" + $0.name, $0.value) }
            }
            history.record(values.map { ($0.name, $0.value) }, learningRate: Double(compilation.optimizer.effectiveRate))
            compilation.optimizer.endEpoch()
            observer?.epochEnded(TrainingProgress(epoch: epoch, epochs: options.epochs,
                                                  step: steps, steps: steps, values: values))
            guard options.watchesMonitor, let value = values.first(where: { $0.name == monitor.name })?.value else { continue }
            if let stop = monitoredEpochEnded(epoch, value: value, monitor: monitor, options: options,
                                     progress: &progress, optimizer: &compilation.optimizer, observer: observer) {
                return .earlyStopped(stop)
            }
        }
        return .completed
    }

    /// ‖Δθ‖/‖θ‖ per param for the update just applied (for `grads`).
    mutating func recordUpdateRatios(before: [Tensor]) {
        lastUpdateRatios = zip(before, trainableParameters).map { old, new in
            var delta = 0.0, norm = 0.0
            old.withUnsafeBufferPointer { o in
                new.withUnsafeBufferPointer { n in
                    for i in 0..<Swift.min(o.count, n.count) {
                        let d = Double(n[i] - o[i])
                        delta += d * d
                        norm += Double(o[i]) * Double(o[i])
                    }
                }
            }
            return norm > 0 ? (delta / norm).squareRoot() : (delta > 0 ? .infinity : 0)
        }
    }

    /// Loss and metrics over all rows (Keras's `evaluate`), without recording a graph.
    public func evaluate(x: Tensor, y: Tensor, batchSize: Int = 256) throws(NNError) -> [(name: String, value: Double)] {
        guard let compilation else { throw .notCompiled }
        let n = x.shape.first ?? 0
        guard n > 0 else { throw .emptyData("evaluate needs at least one row") }
        try checkSamples(x)
        try checkTargets(y, rows: n, loss: compilation.loss, metrics: compilation.metrics)
        let frozen = detachedForInference()
        var generator = RandomGenerator(seed: 0)  // unused: no dropout at inference
        var lossSum = 0.0, metricSums = [Double](repeating: 0, count: compilation.metrics.count)
        var batcher = try RowBatcher(x: x, y: y, batchSize: Swift.min(batchSize, n))
        var start = 0
        while start < n {
            let rows = start..<Swift.min(start + batchSize, n)
            let (xb, yb) = batcher.batch(ArraySlice(Array(rows)))
            let (loss, prediction) = try frozen.lossGraph(x: xb, y: yb, generator: &generator)
            lossSum += Double(loss.scalar ?? .nan) * Double(rows.count)
            for (i, metric) in compilation.metrics.enumerated() {
                metricSums[i] += metric.batchTotal(prediction: prediction, target: yb)
            }
            start += batchSize
        }
        return Sequential.means(lossSum, metricSums, compilation.metrics, n)
    }

    /// The model's outputs for `x` (after the final activation), without recording a graph.
    public func predict(_ x: Tensor) throws(NNError) -> Tensor {
        var generator = RandomGenerator(seed: 0)
        return try detachedForInference().forward(x, training: false, generator: &generator)
    }

    /// A copy whose params are constants, so a forward pass records no graph.
    public func detachedForInference() -> Sequential {
        var copy = self
        copy.layers = layers.map(\.detached)
        return copy
    }

    /// Re-runs a step whose gradients were not finite, keeping the graph, to say where.
    private func diagnoseGradients(x: Tensor, y: Tensor, generator: inout RandomGenerator) -> NonFiniteReport? {
        guard let (loss, _) = try? lossGraph(x: x, y: y, training: false, generator: &generator) else { return nil }
        try? loss.backward(keepGraph: true)
        return loss.diagnoseNonFiniteBackward()
    }

    static func means(_ lossSum: Double, _ metricSums: [Double], _ metrics: [Metric], _ seen: Int) -> [(name: String, value: Double)] {
        let count = Double(Swift.max(seen, 1))
        return [("loss", lossSum / count)] + zip(metrics, metricSums).map { ($0.rawValue, $1 / count) }
    }
}
