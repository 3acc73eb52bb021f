import Foundation
import Testing
@testable import Autodiff
@testable import NN
@testable import Workbench
@testable import Plots
@testable import Interop

/// Learning-rate schedules through the language: printing, errors, optimizers taking them,
/// `model.history.lr` and `.epoch`, `plot` of a schedule, and a history's charts in one SVG.
struct ScheduleCommandTests {
    @Test func schedulesPrintAsTheCallWithEveryOption() {
        let s = RecordingSession()
        #expect(s.output("cosine(0.01, epochs=20)") == "cosine(0.01, epochs=20, min=0)")
        #expect(s.output("step_decay(0.1)") == "step_decay(0.1, factor=0.5, every=5)")
        #expect(s.output("exp_decay(lr=0.01)") == "exp_decay(0.01, rate=0.96)")
        #expect(s.output("warmup(cosine(0.01, epochs=20, min=0.001), epochs=3)")
                == "warmup(cosine(0.01, epochs=20, min=0.001), epochs=3)")
        #expect(s.output("adam(lr=cosine(0.01, epochs=20))") == "adam(lr=cosine(0.01, epochs=20, min=0), beta1=0.9, beta2=0.999, eps=1e-07)")
        #expect(s.output("sgd(warmup(0.1, epochs=2))") == "sgd(lr=warmup(0.1, epochs=2))")
    }

    @Test func wrongArgumentsNameTheValidRange() {
        let s = RecordingSession()
        #expect(s.error("cosine(0.01, epochs=0)").contains("epochs must be at least 1, got 0"))
        #expect(s.error("cosine(0.1, epochs=5, min=0.5)").contains("min must be in [0, lr] = [0, 0.1], got 0.5"))
        #expect(s.error("step_decay(0.1, factor=2)").contains("factor must be in (0, 1], got 2"))
        #expect(s.error("exp_decay(0.1, rate=0)").contains("rate must be in (0, 1], got 0"))
        #expect(s.error("exp_decay(-1)").contains("lr must be a finite number ≥ 0, got -1"))
        #expect(s.error("step_decay(0.1, every=2.5)").contains("whole number"))
        #expect(s.error("cosine(0.01)").contains("epochs is required"))
        #expect(s.error("warmup(0.01)").contains("epochs is required"))
        #expect(s.error("cosine(epochs=3)").contains("lr is required"))
        #expect(s.error("cosine(cosine(0.1, epochs=2), epochs=3)").contains("schedule"))
        #expect(s.error("plot linspace(0, 1, 5) epochs=3").contains("epochs is for plotting a schedule"))
    }

    @Test func helpDescribesTheFormula() {
        let s = RecordingSession()
        let words = { (text: String) in text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        #expect(words(s.output("help cosine")).contains("min + (lr − min)·(1 + cos(π·e/N))/2"))
        #expect(words(s.output("help warmup")).contains("(e + 1)/k"))
        #expect(words(s.output("help adam")).contains("lr is a number or a schedule"))
    }

    @Test func completionOffersSchedulesAndHistoryMembers() {
        let s = RecordingSession()
        s.output("""
            d = dataset("xor", n=16, seed=0)
            model = sequential(dense(2, tanh, input=2), dense(1, sigmoid))
            compile model optimizer=sgd(lr=0.1) loss=bce
            fit model d epochs=1 quiet
            h = model.history
            """)
        let c = Completer(workspace: s.session.completionWorkspace, workingDirectory: NSTemporaryDirectory(), homeDirectory: "/nonexistent")
        #expect(c.complete("adam(lr=cos").candidates.contains("cosine"))
        #expect(c.complete("x = step_d").candidates == ["step_decay"])
        #expect(c.complete("h.").candidates == ["epoch", "epochs", "loss", "lr"])
    }

    /// The schedules' closed forms written here; the rate of each epoch is the float32 the optimizer used.
    @Test func fitRecordsEachEpochsRateAcrossFits() throws {
        let s = RecordingSession()
        s.output("""
            d = dataset("xor", n=32, seed=0)
            model = sequential(dense(4, tanh, input=2), dense(1, sigmoid))
            compile model optimizer=sgd(lr=warmup(cosine(0.1, epochs=4, min=0.01), epochs=2)) loss=bce metrics=accuracy
            fit model d epochs=3 batch=8 quiet
            fit model d epochs=3 batch=8 quiet
            lr = model.history.lr
            e = model.history.epoch
            """)
        func closedForm(_ e: Int) -> Double {
            let c = e < 4 ? 0.01 + (0.1 - 0.01) * (1 + cos(Double.pi * Double(e) / 4)) / 2 : 0.01
            return e < 2 ? c * Double(e + 1) / 2 : c
        }
        let lr = try #require(s.tensor("lr"))
        #expect(lr.shape == [6])
        for (e, rate) in lr.scalars.enumerated() {
            #expect(Swift.abs(Double(rate) - closedForm(e)) <= 1e-7, "epoch \(e): \(rate) vs \(closedForm(e))")
        }
        #expect(s.tensor("e")?.scalars == [1, 2, 3, 4, 5, 6])
        #expect(s.output("model.history.epoch") == "tensor[6]\n[1, 2, 3, 4, 5, 6]")
        // The table gains the lr column because the rate changed.
        let table = s.output("model.history")
        #expect(table.split(separator: "\n").first?.split(separator: " ") == ["epoch", "loss", "accuracy", "lr"])
        // Epoch 1 (e = 0): 0.1 · 1/2; epoch 2: (0.01 + 0.09·(1 + cos(π/4))/2) · 2/2 = 0.08682.
        #expect(table.split(separator: "\n")[1].hasSuffix("0.0500") && table.split(separator: "\n")[2].hasSuffix("0.0868"))
    }

    @Test func aFixedRateLeavesHistoryAsItWas() {
        let s = RecordingSession()
        s.output("""
            d = dataset("xor", n=16, seed=0)
            model = sequential(dense(2, tanh, input=2), dense(1, sigmoid))
            compile model optimizer=adam(lr=0.01) loss=bce
            fit model d epochs=2 quiet
            """)
        #expect(s.output("model.history").split(separator: "\n").first?.split(separator: " ") == ["epoch", "loss"])
        #expect(s.output("model.history.lr") == "tensor[2]\n[0.0100, 0.0100]")
    }

    @Test func plotOfAScheduleSpansItsEpochs() throws {
        let s = RecordingSession()
        let drawn = s.output("plot cosine(0.01, epochs=20)")
        #expect(drawn.contains("cosine(0.01, epochs=20, min=0)"))
        #expect(drawn.contains("epoch (from 0)"))
        let chart = try LineChart.schedule(.cosine(initial: 0.01, epochs: 20, minimum: 0))
        #expect(chart.series[0].x == (0...20).map(Double.init))
        #expect(try LineChart.schedule(.stepDecay(initial: 0.1, factor: 0.5, every: 5)).series[0].x.count == 21)
        #expect(try LineChart.schedule(.exponentialDecay(initial: 0.1, rate: 0.9)).series[0].x.count == LineChart.defaultScheduleEpochs + 1)
        #expect(try LineChart.schedule(.exponentialDecay(initial: 0.1, rate: 0.9), epochs: 7).series[0].y.last == 0.1 * pow(0.9, 7))
        s.output("plot exp_decay(0.1) epochs=50")
        // A horizon beyond what a plot draws is cut to the limit, not allocated.
        #expect(try LineChart.schedule(.cosine(initial: 0.1, epochs: 1 << 40, minimum: 0)).series[0].x.count == LineChart.maxScheduleEpochs + 1)
        #expect(LearningRateSchedule.stepDecay(initial: 0.1, factor: 0.5, every: .max).horizon == Int.max / 4 * 4)
        #expect(s.error("plot exp_decay(0.1) epochs=0").contains("at least 1"))
    }

    /// loss with val_loss, accuracy with val_accuracy, and lr: three panels in one valid SVG.
    @Test func historyFileHoldsEveryChart() throws {
        let folder = TemporaryFolder("schedules")
        let path = folder.file("h.svg")
        let s = RecordingSession()
        let message = s.output("""
            d = dataset("xor", n=40, seed=0)
            model = sequential(dense(4, tanh, input=2), dense(1, sigmoid))
            compile model optimizer=adam(lr=step_decay(0.05, every=1)) loss=bce metrics=accuracy
            fit model d epochs=3 validation=0.25 quiet
            plot model.history file="\(path)"
            """)
        #expect(message == "wrote \(path)")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(throws: Never.self) { try SVGCheck.inlineable(svg, cell: 0) }
        let inspector = SVGInspector(svg)
        #expect(inspector.wellFormed)
        let panels = inspector.elements.filter { $0.name == "svg" && $0.attributes["class"] == "panel" }
        #expect(panels.map { $0.attributes["y"] } == ["0", "400", "800"])
        #expect(inspector.elements.first?.attributes["height"] == "1200")
        // Each panel is a chart with its series: loss and val_loss, accuracy and val_accuracy, lr.
        let seriesTitles = inspector.elements.filter { $0.name == "g" && $0.attributes["class"] == "series" }.count
        #expect(seriesTitles == 5)
        for name in ["loss", "val_loss", "accuracy", "val_accuracy", "lr"] { #expect(inspector.texts.contains(name), "\(name)") }
    }
}
