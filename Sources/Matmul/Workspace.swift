import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A 64-byte-aligned float buffer for packed panels (64 bytes: one zmm load, one cache line).
///
/// Buffers of 2 MiB or more are 2 MiB-aligned and offered to the kernel as transparent huge
/// pages (this machine's THP mode is `madvise`): the microkernel streams a B block of up to 8 MiB,
/// and 4 KiB pages would take one TLB entry per 4 KiB of it (measured: 1–3% at 1024²–2048²).
final class PackingBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        let bytes = max(1, capacity) * MemoryLayout<Float>.stride
        let huge = bytes >= PackingBuffer.hugePage
        let byteCount = huge ? BlockSizes.roundUp(bytes, to: PackingBuffer.hugePage) : bytes
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: byteCount,
            alignment: huge ? PackingBuffer.hugePage : PackingBuffer.alignment)
        #if os(Linux)
        if huge { _ = madvise(raw, byteCount, MADV_HUGEPAGE) }  // a hint: failure is harmless
        #endif
        pointer = raw.bindMemory(to: Float.self, capacity: max(1, capacity))
    }

    deinit { pointer.deallocate() }

    static let alignment = 64
    static let hugePage = 2 << 20
}

/// Reuses packing buffers across calls.
///
/// A fresh multi-megabyte allocation is fresh pages from the kernel: faulting in a 1 MiB B block
/// costs tens of µs, as much as a 128³ product. Buffers up to `largestPooled` floats are kept
/// (at most `maximumPooled` of them); larger ones belong to products so big that the
/// allocation is noise.
enum BufferPool {
    /// 6 M floats (24 MiB): the AVX-512 B block is 1.5 M floats, and the operand that two threads
    /// share is packed whole (4.2 M floats for a 2048² A); beyond that allocation is noise.
    static let largestPooled = 6 << 20
    /// Two workers each holding an A and a B buffer, plus a shared operand.
    static let maximumPooled = 5

    private static let free = PthreadLock<[PackingBuffer]>([])

    /// A buffer of at least `capacity` floats: the smallest pooled one that fits, or a new one.
    static func acquire(capacity: Int) -> PackingBuffer {
        let reused = free.withLock { buffers -> PackingBuffer? in
            guard let index = buffers.indices
                .filter({ buffers[$0].capacity >= capacity })
                .min(by: { buffers[$0].capacity < buffers[$1].capacity })
            else { return nil }
            return buffers.remove(at: index)
        }
        return reused ?? PackingBuffer(capacity: capacity)
    }

    /// Returns a buffer for reuse; when the pool is full the smallest buffer is dropped.
    static func release(_ buffer: PackingBuffer) {
        guard buffer.capacity <= largestPooled else { return }
        free.withLock { buffers in
            buffers.append(buffer)
            if buffers.count > maximumPooled {
                if let smallest = buffers.indices.min(by: { buffers[$0].capacity < buffers[$1].capacity }) {
                    buffers.remove(at: smallest)
                }
            }
        }
    }
}

/// One worker's packing buffers: an `mc × kc` A block and a `kc × nc` B block.
struct Workspace: ~Copyable {
    let a: PackingBuffer
    let b: PackingBuffer

    /// Buffers for blocks of at most `rows × depth` (A) and `depth × columns` (B), padded to the
    /// register tile.
    init(sizes: BlockSizes, rows: Int, columns: Int, depth: Int) {
        let mc = BlockSizes.roundUp(min(sizes.mc, rows), to: sizes.mr)
        let nc = BlockSizes.roundUp(min(sizes.nc, columns), to: sizes.nr)
        let kc = min(sizes.kc, depth)
        a = BufferPool.acquire(capacity: mc * kc)
        b = BufferPool.acquire(capacity: kc * nc)
    }

    deinit {
        BufferPool.release(a)
        BufferPool.release(b)
    }
}
