import CMatmulKernels

/// Packing: copies blocks of op(A) and op(B) into the zero-padded, k-major panels the
/// microkernel streams (BLIS's packm).
///
/// Packed A block (`mc × kc`, panels of `mr` rows): panel q holds rows q·mr ..< q·mr + mr, and
/// element (i, p) of the block is at `q·mr·kc + p·mr + (i − q·mr)`.
/// Packed B block (`kc × nc`, panels of `nr` columns): element (p, j) is at
/// `q·nr·kc + p·nr + (j − q·nr)` with q = j / nr.
/// Rows or columns past the edge are zeros, so the microkernel always runs a full tile.
/// Transposed operands only swap the source strides (see ``StridedMatrix``); the C routine picks
/// a plain copy or a register transpose depending on which stride is 1.
enum Packing {
    /// Packs rows `rows` and depth `depth` of op(A) into `mr`-row panels at `destination`.
    @inline(__always)
    static func packA(_ a: StridedMatrix, rows: Range<Int>, depth: Range<Int>, mr: Int,
                      isa: MatmulISA, into destination: UnsafeMutablePointer<Float>) {
        let source = a.offset(row: rows.lowerBound, column: depth.lowerBound)
        pack(isa, destination, source.base, rows.count, depth.count,
             source.rowStride, source.columnStride, mr)
    }

    /// Packs depth `depth` and columns `columns` of op(B) into `nr`-column panels at
    /// `destination` (the panels' lines are columns of op(B), so B is packed as Bᵀ's rows).
    @inline(__always)
    static func packB(_ b: StridedMatrix, depth: Range<Int>, columns: Range<Int>, nr: Int,
                      isa: MatmulISA, into destination: UnsafeMutablePointer<Float>) {
        let source = b.offset(row: depth.lowerBound, column: columns.lowerBound)
        pack(isa, destination, source.base, columns.count, depth.count,
             source.columnStride, source.rowStride, nr)
    }

    /// The AVX-512 packer where the CPU has it (faster transposes and wide copies), else the
    /// baseline one; both produce the same bytes.
    @inline(__always)
    private static func pack(
        _ isa: MatmulISA, _ destination: UnsafeMutablePointer<Float>,
        _ source: UnsafePointer<Float>, _ count: Int, _ k: Int, _ lineStride: Int,
        _ depthStride: Int, _ width: Int
    ) {
        if isa == .avx512 {
            gb_pack_panels_avx512(destination, source, count, k, lineStride, depthStride, width)
        } else {
            gb_pack_panels(destination, source, count, k, lineStride, depthStride, width)
        }
    }
}

/// The whole of op(A) (or op(B)) packed once, for threads that share it.
///
/// Laid out depth block by depth block: the block for depth offset `pc` starts at
/// `pc · paddedLines` and is exactly the packed block a worker would have made itself, so
/// `block(depth:line:)` is a drop-in replacement for a private packing buffer.
struct PackedOperand: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
    /// Lines (rows of op(A), or columns of op(B)) rounded up to the panel width.
    let paddedLines: Int

    /// The packed block for depth range `pc ..< pc + kc`, starting at line `line` (a multiple of
    /// the panel width).
    @inline(__always)
    func block(depth pc: Int, kc: Int, line: Int) -> UnsafeMutablePointer<Float> {
        base + (pc * paddedLines + line * kc)
    }
}
