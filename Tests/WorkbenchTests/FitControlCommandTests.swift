import Foundation
import Testing
@testable import Autodiff
@testable import Language
@testable import NN
@testable import Workbench
@testable import Interop

/// `fit`'s training tools at the prompt: the last lines the fit prints, checkpoints, stop_when, resume
/// through Ctrl-C and through a saved session, and the errors of wrong option values.
struct FitControlCommandTests {
    static let setup = """
        data = dataset("moons", n=120, seed=1)
        model = sequential(dense(16, relu, input=2), dropout(0.2), dense(1, sigmoid))
        compile model optimizer=adam(lr=0.05) loss=bce metrics=accuracy
        """

    static func model(_ s: RecordingSession) throws -> Sequential {
        guard case .model(let m)? = s.session.workspace["model"] else { throw CancellationError() }
        return m
    }

    @Test func aSecondFitNumbersItsEpochsFromOne() {
        let s = RecordingSession(seed: 1)
        s.output(Self.setup)
        s.output("fit model data epochs=2")
        let second = s.output("fit model data epochs=2")
        #expect(second.hasPrefix("epoch 1/2"), "\(second)")
        #expect(s.output("model.history.epochs") == "4")
    }

    @Test func earlyStoppingEndsWithSpecsLineAndTheCheckpointHoldsTheBestEpoch() throws {
        let folder = TemporaryFolder("fit-checkpoint")
        let s = RecordingSession(seed: 1)
        s.session.filePolicy = .confined(to: folder.path)
        s.output(Self.setup)
        let out = s.output("fit model data epochs=60 validation=0.25 patience=2 checkpoint=\"\(folder.file("best.safetensors"))\"")
        let lines = out.split(separator: "\n").map(String.init)
        let stop = try #require(lines.first { $0.hasPrefix("early stop after epoch") }, "\(out)")
        // early stop after epoch E: val_loss has not improved for 2 epochs (best V at epoch B, restored)
        let pattern = #/early stop after epoch (\d+): val_loss has not improved for 2 epochs \(best (\d\.\d{4}) at epoch (\d+), restored\)/#
        let match = try #require(stop.wholeMatch(of: pattern), "\(stop)")
        let (epoch, best, bestEpoch) = (Int(match.1)!, match.2, Int(match.3)!)
        #expect(epoch == bestEpoch + 2)
        // The epoch lines show that value at that epoch and nothing lower.
        let values = lines.filter { $0.hasPrefix("epoch") }.compactMap { $0.firstMatch(of: #/val_loss: (\d\.\d{4})/#).map { String($0.1) } }
        #expect(values.count == epoch && values[bestEpoch - 1] == best && values.min() == String(best))
        #expect(lines.last == "checkpoint \(folder.file("best.safetensors")): the params of epoch \(bestEpoch) (val_loss \(best))")
        // The checkpoint holds the restored params, byte for byte as an export writes them.
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.file("best.safetensors"))))
        #expect(written == (try ModelParameterFile.encode(try Self.model(s))))
    }

    @Test func wrongOptionValuesNameTheValidOnes() {
        let s = RecordingSession(seed: 1)
        s.output(Self.setup)
        #expect(s.error("fit model data epochs=5 validation=0.25 patience=2 monitor=val_acc").contains("did you mean val_accuracy?"))
        #expect(s.error("fit model data epochs=5 patience=2 monitor=val_loss").contains("needs validation data"))
        #expect(s.error("fit model data epochs=5 patience=2 monitor=los").contains("did you mean loss?"))
        #expect(s.error("fit model data epochs=5 min_delta=0.1").contains("patience="))
        #expect(s.error("fit model data epochs=5 reduce_lr=0.5").contains("plateau(factor=0.5, patience=2, min_lr=0)"))
        #expect(s.error("fit model data epochs=5 checkpoint=\"m.npy\"").contains(".safetensors"))
        #expect(s.error("fit model data epochs=5 stop_when=3").contains("a function of one argument"))
        #expect(s.error("fit model data epochs=5 stop_when=nothere").contains("unknown name 'nothere'"))
        s.output("def exploded(s) = s.loss > 2")
        #expect(s.error("fit model data epochs=5 stop_when=exploed").contains("did you mean exploded?"))
        #expect(s.error("fit model data resume").contains("no stopped fit"))
        #expect(s.error("x = plateau(factor=2)").contains("between 0 and 1"))
        #expect(s.output("plateau(patience=3, min_lr=0.0001)") == "plateau(factor=0.5, patience=3, min_lr=0.0001)")
        #expect(s.session.workspace["model"].map { if case .model(let m) = $0 { m.history.epochs == 0 } else { false } } == true)
        // A variable named like the monitored value does not stand in for it.
        s.output("loss = 3")
        #expect(s.output("fit model data epochs=1 patience=2 monitor=loss").hasPrefix("epoch 1/1"))
    }

    @Test func stopWhenStopsAfterThatStepAndLeavesItToLookAt() throws {
        let s = RecordingSession(seed: 1)
        s.output(Self.setup)
        s.output("def fifth(s) = s.step == 5 and s.epoch == 2 and sum(abs(grad(model[0].W))) > 0")
        // 120 rows, batch 32: 4 steps an epoch, so step 5 is the first of epoch 2.
        let out = s.output("fit model data epochs=3 stop_when=fifth")
        let last = try #require(out.split(separator: "\n").last.map(String.init))
        let match = try #require(last.wholeMatch(of: #/stopped at epoch 2, step 5: stop_when\(s\) is true \(s\.loss = (\d\.\d{4})\)/#), "\(out)")
        // The loss `chain` and `grads` look at is that step's: its value, not stale.
        let chain = s.output("chain loss model[0].W")
        #expect(chain.contains("✓"), "\(chain)")
        #expect(s.session.numberFormat.format(Double(s.session.lastLoss?.scalar ?? .nan)) == String(match.1))
        #expect(s.output("grads model").contains("update/param"))
        #expect(!s.output("trace loss").isEmpty)
        #expect(s.output("model.history.epochs") == "1")
    }

    @Test func aStopWhenThatFailsStopsTheFitAndKeepsWhatWasDone() throws {
        let s = RecordingSession(seed: 1)
        s.output(Self.setup)
        let before = try Self.model(s).parameters.map(\.scalars)
        s.output("def broken(s) = s.step > 2 and s.nope")
        let out = s.output("fit model data epochs=2 stop_when=broken")
        #expect(out.hasSuffix("stopped at epoch 1, step 3: stop_when(s) failed: a step record has no member 'nope'"), "\(out)")
        #expect(try Self.model(s).parameters.map(\.scalars) != before)
        s.output("fit model data resume")
        #expect(s.output("model.history.epochs") == "2")
    }

    /// The same fit, whole and stopped-then-resumed (by Ctrl-C or stop_when), exports the same
    /// safetensors bytes; with shuffle, a validation split, dropout, early stopping and a plateau.
    @Test(arguments: [3, 8, 13])
    func aResumedFitExportsTheSameBytes(at point: Int) throws {
        let folder = TemporaryFolder("fit-resume")
        let fit = "fit model data epochs=5 validation=0.2 patience=3 reduce_lr=plateau(patience=1)"
        func exported(_ s: RecordingSession, _ name: String) throws -> [UInt8] {
            s.output("export model \"\(folder.file(name))\"")
            return try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.file(name))))
        }
        let whole = RecordingSession(seed: 3)
        whole.output(Self.setup)
        whole.output(fit)
        let wholeBytes = try exported(whole, "whole.safetensors")
        let after = whole.output("rand(2)")

        var checks = 0
        let interrupted = RecordingSession(seed: 3, interruptRequested: { checks += 1; return checks == point })
        interrupted.output(Self.setup)
        checks = 0
        #expect(interrupted.output(fit).contains("interrupted at epoch"))
        checks = .min  // no more Ctrl-C
        interrupted.output("fit model data resume")
        #expect(try exported(interrupted, "interrupted.safetensors") == wholeBytes)
        #expect(interrupted.output("rand(2)") == after)

        let stopped = RecordingSession(seed: 3)
        stopped.output(Self.setup)
        stopped.output("def here(s) = s.step == \(point)")
        #expect(stopped.output(fit + " stop_when=here").contains("stop_when(s) is true"))
        stopped.output("fit model data resume")
        #expect(try exported(stopped, "stopped.safetensors") == wholeBytes)
    }

    /// Ctrl-C in a fit, then `fit … resume`: the saved session replays to the same outputs.
    @Test func aSavedStoppedAndResumedPairReplays() throws {
        var checks = 0
        let s = RecordingSession(seed: 4, interruptRequested: { checks += 1; return checks == 6 })
        for statement in Self.setup.split(separator: "\n").map(String.init) + [
            "fit model data epochs=3 validation=0.2 patience=2",
            "fit model data resume",
            "rand(2)",
        ] {
            #expect(s.run(statement).allSatisfy { $0.error == nil }, "\(statement)")
        }
        let text = SessionFile.render(cells: s.session.cells, seed: 4, date: Date(timeIntervalSince1970: 0))
        #expect(text.contains("interrupt_at 6\nfit model data epochs=3"), "\(text)")
        let replay = Session(seed: 4)
        let expected = SessionFile.expectedOutputs(of: Parser.parseScript(SourceText(text)))
        var index = 0
        replay.run(text, name: "s.grad", style: .file, didRun: { outcome in
            defer { index += 1 }
            #expect(outcome.error == nil, "\(outcome.error ?? "")")
            guard index < expected.count else { return }
            #expect(OutputComparison.matches(expected: expected[index].text, actual: outcome.transcript),
                    "\(outcome.source):\n\(expected[index].text)\n---\n\(outcome.transcript)")
        })
        #expect(index == expected.count)
        #expect(SessionFile.render(cells: replay.cells, seed: 4, date: Date(timeIntervalSince1970: 0)) == text)
    }
}
