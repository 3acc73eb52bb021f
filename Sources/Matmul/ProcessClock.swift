#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The monotonic wall clock and this process's CPU time (all threads), in seconds: the one clock
/// the load check and every benchmark read.
public enum ProcessClock {
    /// Seconds on the monotonic clock (not the time of day: it never jumps back).
    public static func wall() -> Double { read(CLOCK_MONOTONIC) }

    /// Seconds of CPU this process has used, all threads together: unlike the wall clock, it
    /// does not count the time other processes hold the core.
    public static func cpu() -> Double { read(CLOCK_PROCESS_CPUTIME_ID) }

    private static func read(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
