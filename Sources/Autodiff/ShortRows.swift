/// Copies and sums of short contiguous rows — the 4 to 32 floats of one image row in a small
/// CNN's im2col, col2im and padding — in vector registers.
///
/// A row this short is too short for `memmove`'s call to pay off, and the compiler leaves a
/// plain loop of unknown length scalar (or vectorises it behind alias checks that cost more than
/// the row). Each element is still copied, or added with one float addition, exactly as the
/// plain loop would: the results are the same bits.
enum ShortRows {
    /// `target[i] = source[i]` for i in 0..<count.
    @inline(__always)
    static func copy(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        let (from, to) = (UnsafeRawPointer(source), UnsafeMutableRawPointer(target))
        var i = 0
        while i &+ 8 <= count {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self),
                          toByteOffset: i &* 4, as: SIMD8<Float>.self)
            i &+= 8
        }
        if i &+ 4 <= count {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: i &* 4, as: SIMD4<Float>.self),
                          toByteOffset: i &* 4, as: SIMD4<Float>.self)
            i &+= 4
        }
        while i < count {
            target[i] = source[i]
            i &+= 1
        }
    }

    /// `target[i] += source[i]` for i in 0..<count.
    @inline(__always)
    static func add(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int) {
        let (from, to) = (UnsafeRawPointer(source), UnsafeMutableRawPointer(target))
        var i = 0
        while i &+ 8 <= count {
            let sum = to.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
                + from.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            to.storeBytes(of: sum, toByteOffset: i &* 4, as: SIMD8<Float>.self)
            i &+= 8
        }
        if i &+ 4 <= count {
            let sum = to.loadUnaligned(fromByteOffset: i &* 4, as: SIMD4<Float>.self)
                + from.loadUnaligned(fromByteOffset: i &* 4, as: SIMD4<Float>.self)
            to.storeBytes(of: sum, toByteOffset: i &* 4, as: SIMD4<Float>.self)
            i &+= 4
        }
        while i < count {
            target[i] += source[i]
            i &+= 1
        }
    }
}
