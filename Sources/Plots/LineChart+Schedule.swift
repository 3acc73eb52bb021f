import NN

extension LineChart {
    /// The epochs a schedule is plotted over when `plot` is not given `epochs=`, for a schedule
    /// that never ends (exp_decay): long enough to see it bend.
    public static let defaultScheduleEpochs = 20
    /// The most epochs `plot … epochs=` draws: one point each, so the allocation stays bounded.
    public static let maxScheduleEpochs = 100_000

    /// `plot cosine(0.01, epochs=20)`: the rate of each epoch e = 0, 1, …, `epochs` (default:
    /// the schedule's horizon, else ``defaultScheduleEpochs``), at most ``maxScheduleEpochs``.
    public static func schedule(_ schedule: LearningRateSchedule, epochs: Int? = nil, title: String? = nil) throws(PlotError) -> LineChart {
        let last = Swift.min(epochs ?? schedule.horizon ?? defaultScheduleEpochs, maxScheduleEpochs)
        let es = Array(0...Swift.max(last, 1))
        return try LineChart(series: [PlotSeries(name: "lr", x: es.map(Double.init), y: es.map { schedule.rate(atEpoch: $0) })],
                             mark: .lines, title: title ?? schedule.description, xLabel: "epoch (from 0)", yLabel: "lr",
                             integerX: true)
    }
}
