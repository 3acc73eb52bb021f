#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The float32 buffer behind one or more `Tensor` values.
///
/// Tensors share a storage until one of them is mutated (copy-on-write, see
/// `Tensor.makeUniquelyReferenced()`). Buffers of more than a few floats are 64-byte aligned so that the matmul core's
/// AVX-512 loads and the vectorised elementwise loops never straddle a cache line at the start.
public final class TensorStorage: @unchecked Sendable {
    /// Alignment of every buffer: one cache line, one zmm register.
    static let alignment = 64

    let base: UnsafeMutablePointer<Float>
    let count: Int

    /// Buffers up to this many floats come from plain `malloc` (16-byte aligned, served from
    /// the thread cache): scalar graphs allocate one per op, and `posix_memalign` cost several
    /// times more. No SIMD kernel runs a full vector over so few elements.
    static let smallCount = 16

    /// A buffer of `count` floats whose contents are undefined.
    init(uninitializedCount count: Int) {
        self.count = count
        // One element at least keeps `base` valid for empty tensors.
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        var raw: UnsafeMutableRawPointer?
        if count <= TensorStorage.smallCount {
            raw = malloc(bytes)
        } else if posix_memalign(&raw, TensorStorage.alignment, bytes) != 0 {
            raw = nil
        }
        guard let raw else { preconditionFailure("out of memory allocating \(count) floats (\(bytes) bytes)") }
        base = raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    /// A buffer of `count` copies of `value`.
    convenience init(repeating value: Float, count: Int) {
        self.init(uninitializedCount: count)
        base.initialize(repeating: value, count: count)
    }

    /// A copy of another buffer.
    convenience init(copying other: TensorStorage) {
        self.init(uninitializedCount: other.count)
        base.update(from: other.base, count: other.count)
    }

    deinit {
        free(base)
    }
}
