import Testing
@testable import Matmul

@Suite struct ConfigurationTests {
    @Test func forcedISAIsHonouredOrFallsBack() {
        for isa in MatmulISA.allCases {
            let configuration = MatmulConfiguration(environment: ["GRADBOOK_ISA": isa.rawValue])
            #expect(configuration.isa == MatmulISA.resolve(isa))
            #expect(configuration.isa.isSupported)
            if isa.isSupported { #expect(configuration.isa == isa) }
        }
        #expect(MatmulConfiguration(environment: ["GRADBOOK_ISA": "AVX2"]).isa
                == MatmulISA.resolve(.avx2))
        #expect(MatmulConfiguration(environment: ["GRADBOOK_ISA": "sse9"]).isa == .best)
        #expect(MatmulConfiguration(environment: [:]).isa == .best)
    }

    /// Forcing each ISA through the internal entry point runs, even where the CPU lacks it.
    @Test func everyForcedISARuns() {
        let checker = GEMMChecker(GEMMCase(m: 20, n: 20, k: 20))
        for isa in MatmulISA.allCases {
            checker.expectMatches(checker.run(isa: isa), "forced \(isa)")
        }
    }

    @Test func threadCapIsClamped() {
        #expect(MatmulConfiguration(environment: ["GRADBOOK_THREADS": "1"]).threadCap == 1)
        #expect(MatmulConfiguration(environment: ["GRADBOOK_THREADS": "0"]).threadCap == 1)
        #expect(MatmulConfiguration(environment: ["GRADBOOK_THREADS": "x"]).threadCap >= 1)
        let cores = ProcessEnvironment.activeProcessorCount
        #expect(MatmulConfiguration(environment: ["GRADBOOK_THREADS": "999"]).threadCap == cores)
    }
}
