import Foundation
import Testing

/// Memory does not grow with training steps: the seed model trained for 32 epochs (10,016
/// steps) in its own process holds no more resident memory than after the first epoch
/// (313 steps), within 5%.
@Test func residentMemoryIsFlatOverTenThousandSteps() throws {
    let result = try Binary.run(["bench", "train", "--epochs", "32", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    struct Report: Decodable { let resident_bytes: [Int] }
    let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
    let first = try #require(report.resident_bytes.first), last = try #require(report.resident_bytes.last)
    #expect(report.resident_bytes.count == 32)
    #expect(Double(last) <= Double(first) * 1.05, "RSS after epoch 1: \(first >> 20) MB, after epoch 32: \(last >> 20) MB")
}
