#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The largest tensor, in elements, that an operation may allocate.
///
/// A person typing `zeros(100000, 100000)` must get an error naming the size and the limit,
/// not an out-of-memory kill that loses the session. The default is a quarter of physical
/// memory (in float32 elements): room for an operation's inputs, output and gradients at once.
public enum TensorAllocationLimit {
    private static let storage = Atomic<Int>(defaultElements)

    /// The current limit in elements.
    public static var elements: Int {
        get { storage.load(ordering: .relaxed) }
        set { storage.store(max(1, newValue), ordering: .relaxed) }
    }

    /// A quarter of physical memory, in float32 elements (4 Gi elements if unknown).
    public static var defaultElements: Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return 1 << 32 }
        let bytes = pages.multipliedReportingOverflow(by: pageSize)
        guard !bytes.overflow else { return 1 << 32 }
        return bytes.partialValue / 4 / MemoryLayout<Float>.stride
    }
}
