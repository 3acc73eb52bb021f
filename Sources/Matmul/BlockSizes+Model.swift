/// BLIS's analytical model of the cache blocks (Low, Igual, Smith, Quintana-Ortí, "Analytical
/// Modeling Is Enough for High-Performance BLIS", ACM TOMS 43(2), 2016), for this loop nest:
/// JC (nc) → PC (kc) → IC (mc) → JR (nr) → IR (mr), where one `kc × nr` B micro-panel is reused
/// across every `mr × kc` A micro-panel of the packed A block.
extension BlockSizes {
    /// Bytes per element (float32).
    static let elementBytes = 4

    /// The depth kc is raised to when L1 cannot hold a deeper micro-panel: past 512 nothing
    /// more was gained on either machine measured (an AMD EPYC here; on the Intel Xeon the
    /// project runs on, 384–512 matched OpenBLAS and 256 gave 0.78× at 2048).
    static let streamingDepth = 512

    /// The blocks for an `mr × nr` tile on `caches`:
    /// - **kc (L1)**: the B micro-panel (`kc × nr`) stays in L1 while A micro-panels
    ///   (`mr × kc`) stream through it. With `N` sets, `W` ways and lines of `C` bytes, A gets
    ///   `C_A = ⌊(W − 1) / (1 + nr/mr)⌋` ways and B the `C_A·nr/mr` ways that follow from it;
    ///   one way is left for the C tile and for streaming. `kc = C_A·N·C / (mr·4)`.
    /// - **mc (L2)**: the packed A block (`mc × kc`) fills about half of L2; the rest holds
    ///   the B micro-panel on its way in and out of L1, and C.
    /// - **nc (L3)**: the packed B block (`kc × nc`) fits in this core's share of L3, next to
    ///   the A block. Without an L3 the B block streams from memory; nc is then 4096 (where
    ///   measured speed stopped changing).
    /// - **kc floor (L2)**: where L1 is too small for the tile (the AVX-512 tile's B micro-panel
    ///   is 128 bytes per k, so a 32 KiB 8-way L1 gives kc 80), kc is raised to
    ///   ``streamingDepth``, with both micro-panels in a quarter of L2: they then stream from
    ///   L2, which feeds this kernel's 176 bytes per 24 FMAs at full rate, and the C tile is
    ///   loaded and stored once per kc instead of six times as often. Measured on an AMD EPYC
    ///   (Zen 5 VM, 32 KiB L1d, 1 MiB L2), one thread, square 512–2048, GFLOP/s per CPU second:
    ///   kc 80 (the L1 model) 66–89, kc 256 82–90, kc 512 88–99, kc 1024 88–100.
    /// kc is a multiple of 8 (so every packed panel starts on a 32-byte boundary), mc of mr,
    /// nc of nr.
    public static func derived(mr: Int, nr: Int, caches: CacheHierarchy) -> BlockSizes {
        let s = elementBytes
        let l1 = caches.l1
        let aWays = max(1, (l1.ways - 1) * mr / (mr + nr))  // ⌊(W − 1) / (1 + nr/mr)⌋
        let l1Depth = roundDown(aWays * l1.sets * l1.lineBytes / (mr * s), to: 8)
        let l2Depth = roundDown(caches.l2.bytes / 4 / ((mr + nr) * s), to: 8)
        let kc = max(l1Depth, min(streamingDepth, l2Depth))

        let mc = roundDown(caches.l2.bytes / 2 / (kc * s), to: mr)

        let nc: Int
        if let l3 = caches.l3 {
            let room = l3.bytesPerCore - mc * kc * s
            nc = roundDown(room / (kc * s), to: nr)
        } else {
            nc = roundDown(4096, to: nr)
        }
        return BlockSizes(mr: mr, nr: nr, mc: mc, kc: kc, nc: nc)
    }
}
