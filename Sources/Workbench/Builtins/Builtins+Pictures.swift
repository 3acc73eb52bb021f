import Autodiff
import Language
import NN
import Plots
import Interop

/// Plots in the terminal (and as SVG with file=): history curves, x–y plots, decision regions,
/// histograms.
extension Builtins {
    static let pictures: [Builtin] = [
        Builtin("plot", .inspection, signature: "plot(model.history) or plot(x, y) or plot(t) or plot(schedule, epochs=) or plot(boundary, model, data), file=\"p.svg\", width=, height=, title=",
                summary: "Draws in the terminal with Unicode: training curves, y against x, a tensor's values, a learning-rate schedule over epochs 0…epochs (default: cosine's N, 4 steps of a step_decay, twice a warmup's k, else \(LineChart.defaultScheduleEpochs)), or a model's 2-D decision regions; file= writes an SVG (a history's charts all in one).",
                example: "plot linspace(0, 6, 50) sin(linspace(0, 6, 50))",
                options: ["file", "width", "height", "title", "epochs"], flags: ["boundary"]) { inv throws(Diagnostic) in
            let title = try inv.optionString("title")
            var plots: [any Plot] = []
            if try inv.optionBool("boundary", default: false) {
                try inv.expectArguments(2...2)
                let model = try inv.model(0)
                let data = try inv.dataset(1)
                plots = [try inv.pictures { try DecisionBoundary(model: model, x: data.x, y: data.y, title: title) }]
            } else {
                try inv.expectArguments(1...2)
                let isSchedule: Bool = if case .schedule = inv.value(0) { true } else { false }
                if inv.has("epochs"), !isSchedule {
                    throw inv.invalid("epochs", "is for plotting a schedule (plot cosine(0.01, epochs=20) epochs=30)", at: inv.optionRange("epochs"))
                }
                switch (inv.value(0), inv.count) {
                case (.history(let h), 1):
                    plots = try inv.pictures { try LineChart.historyPanels(h) }
                case (.model(let m), 1):
                    plots = try inv.pictures { try LineChart.historyPanels(m.history) }
                case (.schedule(let s), 1):
                    let epochs = try inv.optionInteger("epochs", minimum: 1, maximum: LineChart.maxScheduleEpochs)
                    plots = [try inv.pictures { try LineChart.schedule(s, epochs: epochs, title: title) }]
                case (_, 1):
                    let t = try inv.tensor(0, "t")
                    plots = [try inv.pictures { try LineChart.values(t.scalars.map(Double.init), name: inv.text(0), title: title) }]
                default:
                    let x = try inv.tensor(0, "x"), y = try inv.tensor(1, "y")
                    plots = [try inv.pictures { try LineChart.xy(x: x.scalars.map(Double.init), y: y.scalars.map(Double.init),
                                                                 xLabel: inv.text(0), yLabel: inv.text(1), title: title) }]
                }
            }
            try inv.show(plots, defaultHeight: 16)
            return .nothing
        },
        Builtin("hist", .inspection, signature: "hist(t, bins=, file=\"h.svg\", width=, height=, title=)",
                summary: "A histogram of a tensor's values (e.g. a layer's gradients) in the terminal; file= writes an SVG.",
                example: "hist randn(1000, seed=0)", options: ["bins", "file", "width", "height", "title"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let t = try inv.tensor(0, "t")
            let bins = try inv.optionInteger("bins", minimum: 1, maximum: Histogram.maxBins)
            let title = try inv.optionString("title") ?? inv.text(0)
            let plot = try inv.pictures { try Histogram(t, bins: bins, title: title) }
            try inv.show([plot], defaultHeight: 12)
            return .nothing
        },
        Builtin("image", .inspection, signature: "image(t, file=\"i.svg\", width=, height=, title=)",
                summary: "A 2-D tensor as a heatmap in the terminal — a digit (image digits.x[0, 0]), a filter, a weight matrix — with its value scale; file= writes an SVG.",
                example: "image [[0, 1, 2], [3, 4, 5]]", options: ["file", "width", "height", "title"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let t = try inv.tensor(0, "t")
            guard t.rank == 2 else {
                throw inv.invalid("t", "must be a 2-D tensor (rows × columns), got shape \(t.shape)", at: inv.range(0),
                                  hint: t.rank > 2 ? "index it down to two axes: image \(inv.text(0))[0, 0] for [n, c, h, w] images"
                                                   : "reshape it into rows and columns: reshape(\(inv.text(0)), [rows, columns])")
            }
            let title = try inv.optionString("title") ?? inv.text(0)
            let plot = try inv.pictures { try Heatmap(t, title: title) }
            try inv.show([plot], defaultHeight: 40)
            return .nothing
        },
    ]
}

extension Invocation {
    /// Runs plot construction, turning its errors into diagnostics at the call.
    func pictures<T>(_ body: () throws -> T) throws(Diagnostic) -> T {
        do { return try body() } catch {
            throw .error(.commandFailed(command: name, problem: "\(error)"), at: callRange)
        }
    }

    /// Draws plots in the terminal (plain in the transcript, coloured at a terminal unless colour
    /// is off), or hands them to the environment's display (a notebook), and keeps their SVG and
    /// drawing for `export session`; with file=, writes the SVG instead.
    func show(_ plots: [any Plot], defaultHeight: Int) throws(Diagnostic) {
        // The transcript (what save writes and check compares) is what `gradbook run` prints:
        // the plain width, unless width= is given; only the terminal's copy fills the terminal.
        let chosenWidth = try optionInteger("width", minimum: PlotSize.terminalWidths.lowerBound,
                                            maximum: PlotSize.terminalWidths.upperBound)
        let width = chosenWidth ?? SessionEnvironment.plainWidth
        let shownWidth = chosenWidth ?? session.environment.width
        let height = try optionInteger("height", default: defaultHeight,
                                       minimum: PlotSize.terminalHeights.lowerBound, maximum: PlotSize.terminalHeights.upperBound)
        if let file = try optionString("file") {
            let path = try writablePath(file, at: optionRange("file"))
            // Several charts (a history's loss, accuracy, lr) go into the one file, stacked.
            let plot: any Plot = plots.count == 1 ? plots[0] : PlotStack(plots)
            do {
                _ = try PlotExport.writeSVG(plot, to: path)
            } catch {
                throw .error(.fileFailure("\(error)"), at: optionRange("file"))
            }
            print("wrote \(file)")
            return
        }
        for plot in plots {
            let plain = plot.terminal(width: width, height: height, color: false)
            let svg = plot.svg(width: 640, height: 400)
            if let display = session.environment.display {
                session.pendingOutput.append(plain)
                display(svg, plain)
            } else if session.environment.isTerminal {
                // Coloured unless colour is off (NO_COLOR, TERM=dumb): then plain, with shades.
                session.emit(plain, atTerminal: plot.terminal(width: shownWidth, height: height, color: session.environment.usesColor))
            } else {
                session.emit(plain)
            }
            session.pendingPlots.append(svg)
            session.pendingPlotTexts.append(plain)
        }
    }
}
