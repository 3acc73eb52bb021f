import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether other processes are keeping cores busy right now, so that a product does not split
/// itself across a core it would have to share.
///
/// Why: a second thread on a busy core gets a time slice now and then (milliseconds), and the
/// product waits for the piece that thread holds. Measured with a spinning process on the other
/// core: 2 threads ran 256³–2048³ at 0.6–0.9× the speed of 1 thread. So a product uses only the
/// cores that no other runnable task claims.
///
/// The count comes from `/proc/loadavg`'s fourth field ("runnable/total"), an instantaneous count
/// of runnable tasks machine-wide, our calling thread included. Reading it costs a few µs, so the
/// answer is reused for `refreshSeconds`. Where the file does not exist (not Linux), nothing is
/// assumed busy.
enum SystemLoad {
    /// How long one reading is trusted: short next to the seconds over which load changes, long
    /// next to the few µs a reading costs (at most one reading per 10 ms of products).
    static let refreshSeconds = 0.010

    private static let cache = PthreadLock<(time: Double, runnable: Int)>((-.infinity, 1))

    /// Cores (of `cores`) not claimed by other runnable tasks, at least 1.
    static func idleCores(of cores: Int) -> Int {
        let others = max(0, runnableTasks() - 1)  // minus the thread asking
        return max(1, cores - others)
    }

    /// Runnable tasks machine-wide, from a reading at most `refreshSeconds` old.
    static func runnableTasks() -> Int {
        let now = ProcessClock.wall()
        if let cached = cache.withLock({ now - $0.time < refreshSeconds ? $0.runnable : nil }) {
            return cached
        }
        let runnable = readLoadAverage().flatMap(parseRunnable) ?? 1
        cache.withLock { $0 = (now, runnable) }
        return runnable
    }

    /// The runnable count in a `/proc/loadavg` line: "0.41 0.23 0.09 2/123 4567" → 2.
    static func parseRunnable(_ line: String) -> Int? {
        let fields = line.split(separator: " ")
        guard fields.count >= 4, let slash = fields[3].firstIndex(of: "/") else { return nil }
        return Int(fields[3][..<slash])
    }

    private static func readLoadAverage() -> String? {
        let descriptor = open("/proc/loadavg", O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 128)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }
}
