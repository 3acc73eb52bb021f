import Testing
@testable import Matmul

/// The cache blocks from BLIS's analytical model, the caches they come from, and the
/// `GRADBOOK_BLOCKS` override.
@Suite struct BlockSizeTests {
    /// The Intel Xeon of the project (48 KiB 12-way L1d, 2 MiB 16-way L2, a 105 MiB L3 that
    /// the VM's 2 cores share) and this AMD EPYC VM as its sysfs describes it (32 KiB 8-way
    /// L1d, 1 MiB 8-way L2, 32 MiB 16-way L3 shared by 2), and a CPU without an L3.
    static let machines: [(String, CacheHierarchy)] = [
        ("intel", CacheHierarchy(l1: CacheLevel(bytes: 48 << 10, ways: 12),
                                 l2: CacheLevel(bytes: 2 << 20, ways: 16),
                                 l3: CacheLevel(bytes: 105 << 20, ways: 15, sharedBy: 2),
                                 source: "test")),
        ("amd", CacheHierarchy(l1: CacheLevel(bytes: 32 << 10, ways: 8),
                               l2: CacheLevel(bytes: 1 << 20, ways: 8),
                               l3: CacheLevel(bytes: 32 << 20, ways: 16, sharedBy: 2),
                               source: "test")),
        ("no L3", CacheHierarchy.assumed),
    ]

    static let tiles = MatmulISA.allCases.map { BlockSizes.tile(for: $0) }

    /// The model's inequalities, checked from the definitions (lines per panel, ways per set).
    @Test(arguments: 0..<machines.count)
    func derivedBlocksSatisfyTheModel(machine: Int) {
        let (name, caches) = Self.machines[machine]
        for (mr, nr) in Self.tiles {
            let b = BlockSizes.derived(mr: mr, nr: nr, caches: caches)
            let label = "\(name) \(mr)×\(nr): \(b)"
            #expect(b.kc % 8 == 0 && b.mc % mr == 0 && b.nc % nr == 0, "\(label)")
            #expect(b.kc >= 8 && b.mc >= mr && b.nc >= nr, "\(label)")
            // L1: the A and B micro-panels take whole ways of every set, one way left for C —
            // or, where L1 holds less than the streaming depth, the panels fit in a quarter of
            // L2 at that depth (they stream from L2).
            let way = caches.l1.bytes / caches.l1.ways
            let aWays = (mr * b.kc * 4 + way - 1) / way, bWays = (nr * b.kc * 4 + way - 1) / way
            if aWays + bWays > caches.l1.ways - 1 {
                #expect(b.kc <= BlockSizes.streamingDepth, "\(label)")
                #expect((mr + nr) * b.kc * 4 <= caches.l2.bytes / 4, "\(label)")
            } else {
                #expect(aWays + bWays <= caches.l1.ways - 1, "\(label): \(aWays) + \(bWays) ways")
            }
            // L2: the A block fills about half: at most half, and within one panel of it.
            let aBlock = b.mc * b.kc * 4
            #expect(aBlock <= caches.l2.bytes / 2 && aBlock + mr * b.kc * 4 > caches.l2.bytes / 2,
                    "\(label): A block \(aBlock) bytes")
            // L3: the B block and the A block in this core's share.
            if let l3 = caches.l3 {
                let bBlock = b.kc * b.nc * 4
                #expect(bBlock + aBlock <= l3.bytes / l3.sharedBy, "\(label)")
                #expect(bBlock + aBlock + b.kc * nr * 4 > l3.bytes / l3.sharedBy, "\(label)")
            } else {
                #expect(b.nc == 4096 / nr * nr, "\(label)")
            }
        }
    }

    /// Worked by hand from the model: Intel AVX-512, ⌊11·12/44⌋ = 3 ways of 64 sets × 64 B for
    /// A, an L1 depth of 3·4096/(12·4) = 256, raised to 512 (2 MiB/4/176 = 2978 ≥ 512), mc =
    /// ⌊(1 MiB / 2 KiB) / 12⌋·12 = 504; the AMD VM, ⌊7·12/44⌋ = 1 way, an L1 depth of
    /// 4096/48 = 85 → 80, raised to 512 (1 MiB/4/176 = 1489), mc = ⌊256 / 12⌋·12 = 252.
    @Test func workedExamples() {
        let intel = BlockSizes.derived(mr: 12, nr: 32, caches: Self.machines[0].1)
        #expect((intel.kc, intel.mc) == (512, 504))
        let amd = BlockSizes.derived(mr: 12, nr: 32, caches: Self.machines[1].1)
        #expect((amd.kc, amd.mc) == (512, 252))
        let amdAVX2 = BlockSizes.derived(mr: 6, nr: 16, caches: Self.machines[1].1)
        #expect(amdAVX2.kc == 512)  // L1 depth ⌊7·6/22⌋ = 1 way: 4096/24 = 170 → 168, raised
        // A large L1 keeps the model's own depth: 1 MiB 16-way, ⌊15·12/44⌋ = 4 ways of 1024
        // sets, 4·65536/48 = 5461 → 5456.
        let bigL1 = CacheHierarchy(l1: CacheLevel(bytes: 1 << 20, ways: 16), l2: CacheLevel(bytes: 8 << 20, ways: 16),
                                   l3: nil, source: "test")
        #expect(BlockSizes.derived(mr: 12, nr: 32, caches: bigL1).kc == 5456)
    }

    @Test func sysfsIsRead() {
        // This VM's cpu0/cache: index0 L1d, index1 L1i (ignored), index2 L2, index3 L3.
        let files: [Int: [String: String]] = [
            0: ["level": "1\n", "type": "Data\n", "size": "32K\n", "ways_of_associativity": "8\n",
                "coherency_line_size": "64\n", "shared_cpu_list": "0\n"],
            1: ["level": "1\n", "type": "Instruction\n", "size": "32K\n"],
            2: ["level": "2\n", "type": "Unified\n", "size": "1024K\n", "ways_of_associativity": "8\n",
                "coherency_line_size": "64\n", "shared_cpu_list": "0\n"],
            3: ["level": "3\n", "type": "Unified\n", "size": "32768K\n", "ways_of_associativity": "16\n",
                "coherency_line_size": "64\n", "shared_cpu_list": "0-1\n"],
        ]
        let caches = CacheHierarchy.fromSysfs { files[$0]?[$1] }
        #expect(caches == CacheHierarchy(l1: CacheLevel(bytes: 32 << 10, ways: 8),
                                         l2: CacheLevel(bytes: 1 << 20, ways: 8),
                                         l3: CacheLevel(bytes: 32 << 20, ways: 16, sharedBy: 2),
                                         source: "sysfs"))
        #expect(CacheHierarchy.fromSysfs { _, _ in nil } == nil)
        #expect(CacheHierarchy.countCPUs("0,2,4-7") == 6)
        #expect(CacheHierarchy.parseSize("2M") == 2 << 20)
        #expect(CacheHierarchy.parseSize("x") == nil && CacheHierarchy.parseSize("") == nil)
        let detected = CacheHierarchy.detect()
        #expect(detected.l1.bytes >= 4096 && detected.l2.bytes >= detected.l1.bytes)
    }

    @Test func overrideParses() throws {
        #expect(try BlockSizeOverride.parse("384,96,4096") == BlockSizeOverride(kc: 384, mc: 96, nc: 4096))
        #expect(try BlockSizeOverride.parse(" 384, 96 ,4096 ") == BlockSizeOverride(kc: 384, mc: 96, nc: 4096))
        let configuration = MatmulConfiguration(environment: ["GRADBOOK_BLOCKS": "100,50,70"])
        #expect(configuration.blockSizes(for: .avx512) == BlockSizes(mr: 12, nr: 32, mc: 60, kc: 100, nc: 96))
        #expect(configuration.blockSizes(for: .baseline) == BlockSizes(mr: 6, nr: 8, mc: 54, kc: 100, nc: 72))
        #expect(configuration.blockOverrideRejection == nil)
    }

    @Test(arguments: ["", "384,96", "1,2,3,4", "a,b,c", "0,96,4096", "-1,96,4096", "384,,4096",
                      "384,96,99999999", "1e3,96,4096", "384;96;4096", "9223372036854775808,1,1"])
    func badOverrideIsRejected(text: String) {
        #expect(throws: BlockSizeOverride.Rejection.self) { try BlockSizeOverride.parse(text) }
        let configuration = MatmulConfiguration(environment: ["GRADBOOK_BLOCKS": text])
        #expect(configuration.blockOverride == nil)
        #expect(configuration.blockOverrideRejection?.description.contains("GRADBOOK_BLOCKS") == true)
        let tile = BlockSizes.tile(for: .avx512)
        #expect(configuration.blockSizes(for: .avx512)
                == BlockSizes.derived(mr: tile.mr, nr: tile.nr, caches: configuration.caches))
    }

    /// Small and odd blocks make every loop of the nest run several times with edges: the
    /// products still match the reference.
    @Test(arguments: supportedISAs)
    func oddBlocksStayCorrect(isa: MatmulISA) {
        let tile = BlockSizes.tile(for: isa)
        for (kc, mc, nc) in [(8, tile.mr, tile.nr), (13, 2 * tile.mr, 3 * tile.nr), (100, 5 * tile.mr, 2 * tile.nr)] {
            let blocks = BlockSizes(mr: tile.mr, nr: tile.nr, mc: mc, kc: kc, nc: nc)
            for (transA, transB) in transpositionPairs {
                let checker = GEMMChecker(GEMMCase(m: 71, n: 83, k: 97, transA: transA, transB: transB,
                                                   accumulate: kc == 13, padding: 2))
                checker.expectMatches(checker.run(isa: isa, smallProducts: false, blocks: blocks),
                                      "\(isa) \(blocks)")
            }
        }
        // Two workers (the product is past the threading threshold), both split directions.
        let blocks = BlockSizes(mr: tile.mr, nr: tile.nr, mc: 2 * tile.mr, kc: 13, nc: 3 * tile.nr)
        for (m, n) in [(200, 230), (230, 200)] {
            let checker = GEMMChecker(GEMMCase(m: m, n: n, k: 190, accumulate: true, padding: 1))
            checker.expectMatches(checker.run(isa: isa, threads: 2, smallProducts: false, blocks: blocks),
                                  "\(isa) \(blocks) two threads \(m)×\(n)")
        }
    }
}
