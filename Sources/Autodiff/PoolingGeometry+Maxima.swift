extension PoolingGeometry {
    /// Each window's max into `out` (`outputShape`) and, when `argmaxes` is given, its input
    /// offset there: the first max in row-major order, or the first NaN (`challenge`'s rule).
    ///
    /// 2×2 windows at stride 2 — the usual pooling — take four windows of a row at once in
    /// vector registers: the same comparisons per window in the same order, so the same maxima
    /// and argmaxes as one window at a time, with no branch on the data.
    func maxima(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, argmaxes: UnsafeMutablePointer<Int>?) {
        let offsetsFitInt32 = batch &* channels &* rows.size &* columns.size <= Int(Int32.max)
        guard rows.window == 2, columns.window == 2, rows.stride == 2, columns.stride == 2, offsetsFitInt32 else {
            forEachArgmax(x) { window, best in
                out[window] = x[best]
                argmaxes?[window] = best
            }
            return
        }
        let (width, planeSize) = (columns.size, rows.size &* columns.size)
        let (right, below, belowRight) = (Int32(1), Int32(width), Int32(width &+ 1))
        let lanes = SIMD4<Int32>(0, 2, 4, 6)  // the first offsets of four windows side by side
        var window = 0
        for plane in 0..<batch &* channels {
            for i in 0..<rows.positions {
                let rowStart = plane &* planeSize &+ 2 &* i &* width
                var j = 0
                while j &+ 4 <= columns.positions {  // 8 floats of this row and of the next
                    let start = rowStart &+ 2 &* j
                    let top = UnsafeRawPointer(x + start).loadUnaligned(as: SIMD8<Float>.self)
                    let bottom = UnsafeRawPointer(x + (start &+ width)).loadUnaligned(as: SIMD8<Float>.self)
                    let first = SIMD4<Int32>(repeating: Int32(truncatingIfNeeded: start)) &+ lanes
                    var best = first, maximum = top.evenHalf
                    Self.challenge(top.oddHalf, first &+ right, &best, &maximum)
                    Self.challenge(bottom.evenHalf, first &+ below, &best, &maximum)
                    Self.challenge(bottom.oddHalf, first &+ belowRight, &best, &maximum)
                    UnsafeMutableRawPointer(out + window).storeBytes(of: maximum, as: SIMD4<Float>.self)
                    if let argmaxes {
                        for lane in 0..<4 { argmaxes[window &+ lane] = Int(best[lane]) }
                    }
                    window &+= 4
                    j &+= 4
                }
                while j < columns.positions {
                    let best = Self.argmax2x2(x, rowStart &+ 2 &* j, below: width)
                    out[window] = x[best]
                    argmaxes?[window] = best
                    window &+= 1
                    j &+= 1
                }
            }
        }
    }

    /// `challenge` for four windows at once: each lane of `values` (at `offsets`) becomes its
    /// window's max when it is larger, or NaN, unless a NaN won before.
    @inline(__always)
    static func challenge(_ values: SIMD4<Float>, _ offsets: SIMD4<Int32>,
                          _ best: inout SIMD4<Int32>, _ maximum: inout SIMD4<Float>) {
        let wins = .!(values .<= maximum) .& (maximum .== maximum)
        best.replace(with: offsets, where: wins)
        maximum.replace(with: values, where: wins)
    }
}
