import Autodiff

extension Sequential {
    /// The monitored value's rules at the end of an epoch: the checkpoint's best, the plateau
    /// rule, then early stopping (which may restore the best epoch's params and end the fit).
    mutating func monitoredEpochEnded(
        _ epoch: Int, value: Double, monitor: FitMonitor, options: FitOptions,
        progress: inout MonitorProgress, optimizer: inout Optimizer, observer: TrainingObserver?
    ) -> EarlyStop? {
        if options.reportsImprovements, monitor.improves(value, on: progress.best) {
            (progress.best, progress.bestEpoch) = (value, epoch)
            observer?.improved(epoch: epoch, monitor: monitor.name, value: value, model: self)
        }
        if let rule = options.plateau, var state = progress.plateau {
            _ = state.epochEnded(value: value, rule: rule, monitor: monitor, optimizer: &optimizer)
            progress.plateau = state
        }
        guard let rule = options.earlyStopping, var state = progress.early else { return nil }
        let stops = state.epochEnded(epoch, value: value, rule: rule, monitor: monitor) {
            parameters.map(\.detached)
        }
        progress.early = state
        guard stops else { return nil }
        var restored = false
        if rule.restoreBest, let best = state.bestParameters {
            restored = (try? setParameters(best)) != nil
            lastStepLoss = nil  // its graph is of the params just replaced
            lastUpdateRatios = nil
        }
        return EarlyStop(epoch: epoch, monitor: monitor.name, epochsWithoutImprovement: state.wait,
                         best: state.best, bestEpoch: state.bestEpoch, restored: restored)
    }
}
