import Foundation
import Testing
@testable import Autodiff
@testable import NN

/// Each schedule's rate per epoch against its closed form, written out here, over epochs
/// 0…N+2 (past the end of cosine and warmup); its validation; and a fit that follows one.
struct LearningRateScheduleTests {
    func expectRates(_ schedule: LearningRateSchedule, through last: Int, _ closedForm: (Int) -> Double,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        for e in 0...last {
            let expected = closedForm(e), actual = schedule.rate(atEpoch: e)
            #expect(Swift.abs(actual - expected) <= 1e-15 * Swift.max(1, Swift.abs(expected)),
                    "\(schedule) epoch \(e): \(actual) vs \(expected)", sourceLocation: sourceLocation)
        }
    }

    @Test func stepDecayHalvesEveryFewEpochs() {
        // 0.1 for e = 0…4, 0.05 for 5…9, 0.025 for 10…12.
        expectRates(.stepDecay(initial: 0.1, factor: 0.5, every: 5), through: 12) { e in
            0.1 * [1, 0.5, 0.25][e / 5]
        }
        expectRates(.stepDecay(initial: 0.2, factor: 0.1, every: 1), through: 5) { e in 0.2 * pow(0.1, Double(e)) }
    }

    @Test func exponentialDecayIsLrTimesRateToTheE() {
        expectRates(.exponentialDecay(initial: 0.01, rate: 0.96), through: 22) { e in
            var r = 0.01
            for _ in 0..<e { r *= 0.96 }
            return r
        }
    }

    @Test func cosineFallsToMinThenStays() {
        let n = 20
        expectRates(.cosine(initial: 0.01, epochs: n, minimum: 0), through: n + 2) { e in
            e < n ? 0.01 * (1 + cos(Double.pi * Double(e) / Double(n))) / 2 : 0
        }
        expectRates(.cosine(initial: 0.1, epochs: 4, minimum: 0.02), through: 6) { e in
            // Halfway (e = 2) is the mean of lr and min; the quarter points are 0.1 ∓ 0.08·(1 − √½)/2.
            [0.1, 0.02 + 0.08 * (1 + 0.5.squareRoot()) / 2, 0.06, 0.02 + 0.08 * (1 - 0.5.squareRoot()) / 2, 0.02, 0.02, 0.02][e]
        }
    }

    @Test func warmupRampsAFractionThenHandsOver() {
        expectRates(.warmup(.constant(0.01), epochs: 4), through: 6) { e in e < 4 ? 0.01 * Double(e + 1) / 4 : 0.01 }
        let inner = LearningRateSchedule.cosine(initial: 0.01, epochs: 10, minimum: 0)
        expectRates(.warmup(inner, epochs: 3), through: 12) { e in
            let c = e < 10 ? 0.01 * (1 + cos(Double.pi * Double(e) / 10)) / 2 : 0
            return e < 3 ? c * Double(e + 1) / 3 : c
        }
    }

    @Test func printsAsTheCallThatMakesIt() {
        #expect(LearningRateSchedule.cosine(initial: 0.01, epochs: 20, minimum: 0).description == "cosine(0.01, epochs=20, min=0)")
        #expect(LearningRateSchedule.stepDecay(initial: 0.1, factor: 0.5, every: 5).description == "step_decay(0.1, factor=0.5, every=5)")
        #expect(LearningRateSchedule.exponentialDecay(initial: Double(Float(0.01)), rate: Double(Float(0.96))).description
                == "exp_decay(0.01, rate=0.96)")
        #expect(LearningRateSchedule.warmup(.constant(1e-5), epochs: 3).description == "warmup(1e-05, epochs=3)")
    }

    @Test func outOfRangeNumbersNameTheirRange() {
        let cases: [(LearningRateSchedule, String, String)] = [
            (.stepDecay(initial: 0.1, factor: 0, every: 5), "factor", "(0, 1]"),
            (.stepDecay(initial: 0.1, factor: 1.5, every: 5), "factor", "(0, 1]"),
            (.stepDecay(initial: 0.1, factor: 0.5, every: 0), "every", "at least 1"),
            (.exponentialDecay(initial: 0.1, rate: 1.01), "rate", "(0, 1]"),
            (.exponentialDecay(initial: -0.1, rate: 0.9), "lr", "≥ 0"),
            (.cosine(initial: .nan, epochs: 3, minimum: 0), "lr", "≥ 0"),
            (.cosine(initial: 0.1, epochs: 0, minimum: 0), "epochs", "at least 1"),
            (.cosine(initial: 0.1, epochs: 3, minimum: 0.2), "min", "[0, lr] = [0, 0.1]"),
            (.warmup(.constant(0.1), epochs: 0), "epochs", "at least 1"),
            (.warmup(.cosine(initial: 0.1, epochs: -1, minimum: 0), epochs: 2), "epochs", "at least 1"),
        ]
        for (schedule, option, range) in cases {
            do {
                _ = try LearningRateSchedule(validating: schedule)
                Issue.record("\(schedule) was accepted")
            } catch {
                guard case let .invalidOption(name, message) = error else { Issue.record("\(error)"); continue }
                #expect(name == option && message.contains(range), "\(schedule): \(name): \(message)")
            }
        }
        #expect((try? LearningRateSchedule(validating: .cosine(initial: 0.1, epochs: 3, minimum: 0.1))) != nil)
    }

    /// A linear model trained one full batch per epoch: the rates of its history and its
    /// params equal those of separate one-epoch fits with plain sgd at the closed form's rate
    /// for that epoch (sgd without momentum keeps no state, so the two are the same steps).
    @Test func fitFollowsTheScheduleAcrossFits() throws {
        var g = RandomGenerator(seed: 3)
        let x = try Tensor.normal([16, 3], using: &g)
        let y = try Tensor.normal([16], using: &g)
        func freshModel() throws -> Sequential {  // the same weights each time, no shared nodes
            var weights = RandomGenerator(seed: 4)
            return try Sequential([.dense(try Dense(units: 1, inputSize: 3))], using: &weights)
        }
        let schedule = LearningRateSchedule.warmup(.stepDecay(initial: 0.2, factor: 0.5, every: 2), epochs: 2)
        func closedForm(_ e: Int) -> Double { 0.2 * pow(0.5, Double(e / 2)) * (e < 2 ? Double(e + 1) / 2 : 1) }

        var scheduled = try freshModel()
        var optimizer = try Optimizer.sgd(lr: 1)
        optimizer.follow(schedule)
        scheduled.compilation = Compilation(optimizer: optimizer, loss: .mse)
        var unused = RandomGenerator(seed: 0)
        let options = FitOptions(epochs: 3, batchSize: 16, shuffle: false)
        for _ in 0..<2 { #expect(try scheduled.fit(x: x, y: y, options: options, generator: &unused) == .completed) }
        #expect(scheduled.compilation?.optimizer.epochsTrained == 6)

        let expectedRates = (0..<6).map { Double(Float(closedForm($0))) }
        #expect(scheduled.history.learningRates == expectedRates)

        var manual = try freshModel()
        for e in 0..<6 {
            manual.compilation = Compilation(optimizer: try .sgd(lr: Float(closedForm(e))), loss: .mse)
            _ = try manual.fit(x: x, y: y, options: FitOptions(epochs: 1, batchSize: 16, shuffle: false), generator: &unused)
        }
        for (a, b) in zip(scheduled.parameters, manual.parameters) {
            expectClose(a.scalars, b.scalars, tolerance: 1e-6)
        }
    }

    @Test func resetStartsTheScheduleAgain() throws {
        var optimizer = try Optimizer.adam()
        optimizer.follow(.exponentialDecay(initial: 0.1, rate: 0.5))
        for _ in 0..<3 { optimizer.beginEpoch(); optimizer.endEpoch() }
        optimizer.beginEpoch()
        #expect(optimizer.learningRate == Float(0.1 * 0.125))
        optimizer.reset()
        #expect(optimizer.epochsTrained == 0 && optimizer.learningRate == 0.1)
    }

    @Test func historyWithoutAScheduleKeepsOneRate() throws {
        var g = RandomGenerator(seed: 1)
        let x = try Tensor.normal([8, 2], using: &g), y = try Tensor.normal([8], using: &g)
        var model = try Sequential([.dense(try Dense(units: 1, inputSize: 2))], using: &g)
        model.compilation = Compilation(optimizer: try .sgd(lr: 0.05), loss: .mse)
        _ = try model.fit(x: x, y: y, options: FitOptions(epochs: 3), generator: &g)
        #expect(model.history.learningRates == [Double](repeating: Double(Float(0.05)), count: 3))
        #expect(!model.history.learningRateVaries)
    }
}
