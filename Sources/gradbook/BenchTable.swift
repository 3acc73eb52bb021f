import Matmul
import Benchmarks

/// Formatting for `gradbook bench matmul`: the human table and the JSON the script reads.
enum BenchTable {
    static let header = pad("shape", 12) + pad("product", 26) + padLeft("µs/call", 12)
        + padLeft("GFLOP/s", 10) + padLeft("GFLOP/s·CPU", 13) + padLeft("threads", 9)

    static func row(_ r: MatmulBenchmarkResult) -> String {
        pad(r.shape.name, 12) + pad(r.shape.formula, 26)
            + padLeft(fixed(r.wallSeconds * 1e6, 2), 12) + padLeft(fixed(r.gflopsWall, 1), 10)
            + padLeft(fixed(r.gflopsCPU, 1), 13)
            + padLeft(r.threads == r.maximumThreads ? "\(r.threads)" : "\(r.threads)–\(r.maximumThreads)", 9)
    }

    /// The FMA peak and the fraction of it reached at n = 1024 (per core: the CPU-time rate).
    static func footer(_ results: [MatmulBenchmarkResult], peak: Double?) -> String {
        guard let peak else { return "FMA peak: not measured" }
        var text = "single-core FP32 FMA peak: \(fixed(peak, 1)) GFLOP/s"
        if let n1024 = results.first(where: { $0.shape.name == "square1024" }) {
            text += "\nn = 1024: \(fixed(100 * n1024.gflopsCPU / peak, 1))% of peak per core"
        }
        return text
    }

    /// The cache blocks the products use and where they came from.
    static func blocks(_ configuration: MatmulConfiguration, isa: MatmulISA) -> [String] {
        var lines = ["caches: \(configuration.caches)"]
        let origin = configuration.blockOverride != nil
            ? "GRADBOOK_BLOCKS" : "derived from the caches (BLIS's analytical model)"
        lines.append("blocks: \(configuration.blockSizes(for: isa)) — \(origin)")
        if let rejection = configuration.blockOverrideRejection { lines.append("\(rejection)") }
        return lines
    }

    static func json(_ results: [MatmulBenchmarkResult], isa: MatmulISA, threadCap: Int,
                     peak: Double?, configuration: MatmulConfiguration) -> String {
        let b = configuration.blockSizes(for: isa)
        let blocks = """
            {"kc":\(b.kc),"mc":\(b.mc),"nc":\(b.nc),"mr":\(b.mr),"nr":\(b.nr),\
            "override":\(configuration.blockOverride != nil),\
            "caches":"\(configuration.caches)"}
            """
        let rows = results.map { r in
            """
            {"name":"\(r.shape.name)","m":\(r.shape.m),"n":\(r.shape.n),"k":\(r.shape.k),\
            "transA":\(r.shape.transA == .transposed),"transB":\(r.shape.transB == .transposed),\
            "threads":\(r.threads),"maximumThreads":\(r.maximumThreads),"repetitions":\(r.repetitions),"samples":\(r.samples),\
            "seconds":\(r.wallSeconds),"cpuSeconds":\(r.cpuSeconds),\
            "gflops":\(r.gflopsWall),"gflopsCPU":\(r.gflopsCPU)}
            """
        }
        let peakValue = peak.map { "\($0)" } ?? "null"
        return """
            {"isa":"\(isa)","threadCap":\(threadCap),"fmaPeakGFLOPS":\(peakValue),"blocks":\(blocks),\
            "results":[\(rows.joined(separator: ","))]}
            """
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = "\(rounded)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        }
        return text
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
