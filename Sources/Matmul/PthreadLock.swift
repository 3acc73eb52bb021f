#if canImport(Glibc)
import Glibc
#endif

/// A value guarded by a pthread mutex.
///
/// The matmul core's shared state (the buffer pool, the load cache) uses this rather than
/// `Synchronization.Mutex`: ThreadSanitizer intercepts pthread locks, so `make test-sanitize`
/// sees the synchronisation, while it reported races through the futex-based `Mutex`.
final class PthreadLock<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value, holding the lock.
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
