import ArgumentParser
import Datasets

/// `gradbook bench csv --file F`: how long loading a CSV file takes, as the median of several
/// loads in one process (the figure bench/csv_vs_pandas.py sets against pandas.read_csv).
///
/// Each repetition is a complete `load`: reading the file, parsing every field, building the
/// dataset, freeing the file's bytes. The file is read from the page cache when it was just
/// written or read (bench/csv_vs_pandas.py loads it once untimed first).
struct BenchCSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Time loading a CSV file into a dataset."
    )

    @Option(help: "The CSV file to load.")
    var file: String

    @Option(help: "How many times to load it; the median time is reported.")
    var repetitions: Int = 5

    @Option(help: "The target column (default: the last column).")
    var target: String?

    @Flag(help: """
        Print one JSON object: rows, features, the sum of all features (to compare with \
        another loader), the median and every time in seconds.
        """)
    var json = false

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
    }

    func run() throws {
        let clock = ContinuousClock()
        var seconds: [Double] = []
        var data: Dataset?
        for _ in 0..<repetitions {
            data = nil  // the previous dataset is freed before the clock starts
            let start = clock.now
            data = try CSVLoader.load(file, target: target)
            let elapsed = (clock.now - start).components
            seconds.append(Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
        }
        let rows = data?.count ?? 0, features = data?.featureCount ?? 0
        let featureSum = data?.x.withUnsafeBufferPointer { $0.reduce(0) { $0 + Double($1) } } ?? 0
        let sorted = seconds.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        if json {
            let times = seconds.map { "\($0)" }.joined(separator: ", ")
            print("{\"file\": \(jsonString(file)), \"rows\": \(rows), \"features\": \(features), "
                + "\"feature_sum\": \(featureSum), \"repetitions\": \(repetitions), "
                + "\"median_seconds\": \(median), \"seconds\": [\(times)]}")
        } else {
            print("\(file): \(rows) rows × \(features) features; median of \(repetitions) loads: "
                + "\(format3(median)) s")
        }
    }

    /// A JSON string literal for `text`.
    private func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Seconds with three decimals, without Foundation.
    private func format3(_ value: Double) -> String {
        let millis = Int((value * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
