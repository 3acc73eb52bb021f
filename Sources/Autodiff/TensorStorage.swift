#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if DEBUG
import CVectorKernels
#endif

/// The float32 buffer behind one or more `Tensor` values.
///
/// Tensors share a storage until one of them is mutated (copy-on-write, see
/// `Tensor.makeUniquelyReferenced()`).
///
/// Two layouts behind one interface (`base`, `count`):
/// - up to `smallCount` floats live in the object itself, after its header (ManagedBuffer's
///   tail allocation): a scalar graph allocates a value and a gradient per op, and one
///   allocation and one free each instead of two cut the engine's per-op time by a tenth;
/// - larger buffers are separate and 64-byte aligned, so that the matmul core's AVX-512 loads
///   and the vectorised elementwise loops never straddle a cache line at the start; they are
///   counted in `TensorAllocationLimit.heldElements`, which bounds what all tensors hold together.
public final class TensorStorage: ManagedBuffer<TensorStorage.Layout, Float>, @unchecked Sendable {
    public struct Layout {
        let base: UnsafeMutablePointer<Float>
        let count: Int
    }

    /// Alignment of every separate buffer: one cache line, one zmm register.
    static let alignment = 64

    /// Buffers up to this many floats are tail-allocated (16-byte aligned, like `malloc`):
    /// no SIMD kernel runs a full vector over so few elements.
    static let smallCount = 16

    /// The first element.
    @inline(__always) var base: UnsafeMutablePointer<Float> { header.base }
    /// The number of elements.
    @inline(__always) var count: Int { header.count }

    #if DEBUG
    /// Buffers made so far on the calling thread (debug builds only: tests assert that a
    /// training step's steady state makes none; a release build does not pay for the count).
    public static var allocationsOnThisThread: Int { gb_tensor_allocations_on_this_thread() }
    #endif

    /// A buffer of `count` floats whose contents are undefined.
    static func uninitialized(count: Int) -> TensorStorage {
        #if DEBUG
        gb_count_tensor_allocation()
        #endif
        if count <= smallCount {
            let buffer = create(minimumCapacity: max(count, 1)) { buffer in
                Layout(base: buffer.withUnsafeMutablePointerToElements { $0 }, count: count)
            }
            return unsafeDowncast(buffer, to: TensorStorage.self)
        }
        let bytes = count * MemoryLayout<Float>.stride
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, alignment, bytes) == 0, let raw else {
            preconditionFailure("out of memory allocating \(count) floats (\(bytes) bytes)")
        }
        let base = raw.bindMemory(to: Float.self, capacity: count)
        TensorAllocationLimit.held.add(count, ordering: .relaxed)
        let buffer = create(minimumCapacity: 0) { _ in Layout(base: base, count: count) }
        return unsafeDowncast(buffer, to: TensorStorage.self)
    }

    /// A buffer of `count` copies of `value`.
    static func repeating(_ value: Float, count: Int) -> TensorStorage {
        let storage = uninitialized(count: count)
        storage.base.initialize(repeating: value, count: count)
        return storage
    }

    /// A copy of another buffer.
    static func copying(_ other: TensorStorage) -> TensorStorage {
        let storage = uninitialized(count: other.count)
        storage.base.update(from: other.base, count: other.count)
        return storage
    }

    deinit {
        if header.count > TensorStorage.smallCount {
            free(header.base)
            TensorAllocationLimit.held.subtract(header.count, ordering: .relaxed)
        }
    }
}
