import Foundation
import Testing
import Matmul

/// The one clock the load check, the matmul clock and the benchmarks read.
@Suite struct ProcessClockTests {
    @Test func secondsAndNanosecondsReadTheSameClock() {
        let seconds = ProcessClock.wall()
        let nanoseconds = ProcessClock.wallNanoseconds()
        let after = ProcessClock.wall()
        #expect(after >= seconds)
        // Read between the two second readings, so it lies between them (1 µs for rounding).
        #expect(Double(nanoseconds) * 1e-9 >= seconds - 1e-6)
        #expect(Double(nanoseconds) * 1e-9 <= after + 1e-6)
    }

    /// CPU time advances with work done, and no faster than every core's share of the wall
    /// time (the process's other threads count too: the tests run in parallel).
    @Test func cpuTimeAdvancesWithWorkAndBoundedByWallTime() {
        let (wall0, cpu0) = (ProcessClock.wall(), ProcessClock.cpu())
        var x: UInt64 = 1
        for _ in 0..<2_000_000 { x = x &* 6_364_136_223_846_793_005 &+ 1 }
        let (wall, cpu) = (ProcessClock.wall() - wall0, ProcessClock.cpu() - cpu0)
        let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
        #expect(cpu > 0, "no CPU time after 2M multiplications (x = \(x))")
        // The two clocks are read at slightly different instants, and a busy VM's accounting
        // lags by a tick or so: allow 10 ms.
        #expect(cpu <= wall * cores + 1e-2, "cpu \(cpu) s, wall \(wall) s, \(cores) cores")
    }
}
