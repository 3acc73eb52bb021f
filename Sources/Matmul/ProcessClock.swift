#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The monotonic wall clock and this process's CPU time (all threads), in seconds: the one clock
/// the load check, the matmul clock and every benchmark read.
public enum ProcessClock {
    /// Seconds on the monotonic clock (not the time of day: it never jumps back).
    public static func wall() -> Double { read(CLOCK_MONOTONIC) }

    /// The monotonic clock in whole nanoseconds, for totals kept in an integer atomic
    /// (``MatmulClock``): cheaper to add than seconds, and exact.
    public static func wallNanoseconds() -> UInt64 { readNanoseconds(CLOCK_MONOTONIC) }

    /// CPU time the calling thread has used, in whole nanoseconds: for op clocks on a loaded
    /// machine, where the wall clock also counts the time other processes hold the core
    /// (``WindowOpClock``). A system call, not the vDSO: about 0.2 µs a read.
    public static func threadCPUNanoseconds() -> UInt64 { readNanoseconds(CLOCK_THREAD_CPUTIME_ID) }

    /// Seconds of CPU this process has used, all threads together: unlike the wall clock, it
    /// does not count the time other processes hold the core.
    public static func cpu() -> Double { read(CLOCK_PROCESS_CPUTIME_ID) }

    private static func read(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    private static func readNanoseconds(_ clock: clockid_t) -> UInt64 {
        var time = timespec()
        clock_gettime(clock, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
