import Foundation
import Testing

/// `gradbook kernel-server`'s JSON lines, as the Jupyter wrapper kernel reads them (the kernel
/// itself is tested with the Jupyter stack in jupyter/tests).
struct KernelServerTests {
    /// The events the server answers `requests` with (one JSON object each), stdin then closed.
    func events(_ requests: [[String: Any]], raw: [String] = []) throws -> [[String: Any]] {
        let lines = try requests.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) } + raw
        let result = try Binary.run(["kernel-server"], input: lines.joined(separator: "\n") + "\n",
                                    directory: Binary.temporaryDirectory())
        #expect(result.status == 0, "\(result.stderr)")
        return try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func aCellAnswersWithItsValuesErrorsAndDone() throws {
        let got = try events([["type": "execute", "code": "x = 2\nx * 3\nshow \"hi\"\nw2 + 1"]])
        #expect(got.map { $0["event"] as? String } == ["ready", "result", "stream", "error", "done"])
        #expect(got[1]["execution_count"] as? Int == 2)
        #expect(got[1]["text"] as? String == "6.0000")
        #expect(got[2]["text"] as? String == "hi\n")
        #expect(got[3]["ename"] as? String == "NameError")
        #expect(got[3]["evalue"] as? String == "unknown name 'w2'")
        #expect(got[3]["traceback"] as? [String] == ["error: unknown name 'w2'", "  w2 + 1", "  ^~"])
        #expect(got[4]["execution_count"] as? Int == 4)
        #expect(got[4]["interrupted"] as? Bool == false)
    }

    @Test func plotsComeAsSVGAndFitDrawsProgress() throws {
        let got = try events([["type": "execute", "code": """
            d = dataset("moons", n=64, seed=0)
            m = sequential(dense(4, relu, input=2), dense(1, sigmoid))
            compile m optimizer=sgd(lr=0.1) loss=bce
            fit m d epochs=2 batch=32
            plot [1, 2, 3]
            """]])
        let kinds = got.compactMap { $0["event"] as? String }
        #expect(kinds.filter { $0 == "progress" }.count >= 2)
        let progress = got.filter { $0["event"] as? String == "progress" }.compactMap { $0["text"] as? String }
        #expect(progress.last?.hasPrefix("epoch 2/2 ") == true)
        #expect(progress.allSatisfy { !$0.isEmpty })
        let displays = got.filter { $0["event"] as? String == "display" }
        #expect(displays.count == 1)
        #expect((displays.first?["svg"] as? String)?.contains("<svg") == true)
        #expect(kinds.last == "done")
    }

    @Test func completionInspectionAndCompleteness() throws {
        let got = try events([
            ["type": "complete", "code": "fit model train ep", "cursor": 18],
            ["type": "inspect", "code": "sigmoid(x)", "cursor": 3],
            ["type": "inspect", "code": "nosuch", "cursor": 6],
            ["type": "is_complete", "code": "repeat 3"],
            ["type": "is_complete", "code": "x = )"],
            ["type": "is_complete", "code": "x = 1"],
        ])
        #expect(got[1]["matches"] as? [String] == ["epochs="])
        #expect(got[1]["start"] as? Int == 16 && got[1]["end"] as? Int == 18)
        #expect(got[2]["found"] as? Bool == true)
        #expect((got[2]["text"] as? String)?.hasPrefix("sigmoid(x)\n") == true)
        #expect(got[3]["found"] as? Bool == false)
        #expect(got[4]["status"] as? String == "incomplete" && got[4]["indent"] as? String == "  ")
        #expect(got[5]["status"] as? String == "invalid")
        #expect(got[6]["status"] as? String == "complete")
    }

    @Test func aRequestThatCannotBeReadIsReportedAndTheServerGoesOn() throws {
        let got = try events([], raw: ["not json", #"{"type": "teleport", "code": ""}"#, #"{"type": "execute", "code": "1 + 1"}"#])
        #expect(got.map { $0["event"] as? String } == ["ready", "protocol_error", "protocol_error", "result", "done"])
    }
}
