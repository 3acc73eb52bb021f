import Testing
@testable import Workbench

/// The interpreter copies a `Value` several times per statement (evaluation, lookup,
/// assignment). With the big kinds inline a `Value` was 129 bytes and its copies, memcpy
/// calls, took a quarter of a statement's time (`gradbook bench interpreter`: 1.8 µs per
/// statement, 0.63 µs with them boxed). A new kind with a large payload must be `indirect`.
@Suite struct ValueLayoutTests {
    @Test func aValueIsNoBiggerThanATensorAndATag() {
        #expect(MemoryLayout<Value>.size <= 64, "Value is \(MemoryLayout<Value>.size) bytes: box the new kind (indirect case)")
    }
}
