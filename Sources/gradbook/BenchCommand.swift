import ArgumentParser
import Matmul
import Benchmarks

/// `gradbook bench …`: performance measurements of the matmul core and of training.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure gradbook's performance.",
        subcommands: [BenchMatmul.self, BenchTrain.self, BenchCNN.self, BenchAutodiff.self, BenchCSV.self, BenchInterpreter.self]
    )
}

/// `gradbook bench matmul`: GFLOP/s of the matmul core on square sizes and the seed model's
/// shapes, with the FMA peak for scale. `--json` is what bench/matmul_vs_numpy.py reads.
struct BenchMatmul: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matmul",
        abstract: "Time sgemm on square sizes and the seed model's shapes (GFLOP/s).",
        discussion: """
            Medians over samples; each sample repeats a call long enough to time. GFLOP/s are \
            given per wall-clock second and per CPU second (all threads). GRADBOOK_ISA and \
            GRADBOOK_THREADS apply unless --isa / --threads are given; the cache blocks are \
            derived from the CPU's caches (printed first) unless GRADBOOK_BLOCKS=kc,mc,nc is set.
            """
    )

    @Option(help: "Most threads per product (default: GRADBOOK_THREADS, else all cores).")
    var threads: Int?

    @Option(help: "Kernel ISA: avx512, avx2 or baseline (default: GRADBOOK_ISA, else the best).")
    var isa: String?

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Flag(help: "Fewer, shorter samples (a rough figure in a few seconds).")
    var quick = false

    @Option(name: .customLong("shape"),
            help: "Only this shape (repeatable): square64…square2048, fwd1, fwd2, fwd3, bwd_w1, bwd_h.")
    var shapeNames: [String] = []

    @Option(help: "Samples per shape (default 9, or 3 with --quick).")
    var samples: Int?

    @Flag(name: .customLong("no-peak"), help: "Skip the FMA peak measurement.")
    var noPeak = false

    @Flag(name: .customLong("fixed-threads"),
          help: "Thread count by size only: do not leave cores that other processes use.")
    var fixedThreads = false

    func validate() throws {
        if let isa, MatmulISA(rawValue: isa.lowercased()) == nil {
            throw ValidationError("unknown ISA '\(isa)': use avx512, avx2 or baseline")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        let known = Set(MatmulBenchmark.shapes.map(\.name))
        for name in shapeNames where !known.contains(name) {
            throw ValidationError("unknown shape '\(name)': one of \(known.sorted().joined(separator: ", "))")
        }
    }

    func run() throws {
        let configuration = MatmulConfiguration.current
        let chosenISA = isa.flatMap { MatmulISA(rawValue: $0.lowercased()) }
            .map(MatmulISA.resolve) ?? configuration.isa
        let threadCap = threads ?? configuration.threadCap
        let selected = shapeNames.isEmpty
            ? MatmulBenchmark.shapes
            : MatmulBenchmark.shapes.filter { shapeNames.contains($0.name) }
        let sampleCount = samples ?? (quick ? 3 : 9)
        let sampleSeconds = quick ? 0.004 : 0.02
        if !json {
            print("gradbook bench matmul — isa \(chosenISA), threads ≤ \(threadCap), "
                  + "\(sampleCount) samples per shape (medians)")
            let available = min(threadCap, configuration.threadsAvailableNow)
            if !fixedThreads && available < threadCap {
                print("other processes keep cores busy: large products use \(available) thread(s) "
                      + "now (--fixed-threads to ignore the load)")
            }
            for line in BenchTable.blocks(configuration, isa: chosenISA) { print(line) }
            print(BenchTable.header)
        }
        var results: [MatmulBenchmarkResult] = []
        for shape in selected {
            let result = MatmulBenchmark.measure(
                shape, isa: chosenISA, threads: threadCap, adaptToLoad: !fixedThreads,
                samples: sampleCount, sampleSeconds: sampleSeconds)
            results.append(result)
            if !json { print(BenchTable.row(result)) }
        }
        let peak = noPeak ? nil : MatmulBenchmark.fmaPeakGFLOPS(isa: chosenISA)
        if json {
            print(BenchTable.json(results, isa: chosenISA, threadCap: threadCap, peak: peak,
                                  configuration: configuration))
        } else {
            print(BenchTable.footer(results, peak: peak))
        }
    }
}
