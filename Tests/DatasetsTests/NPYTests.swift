import Foundation
import Testing
import Autodiff
@testable import Datasets

/// .npy files written by NumPy (Fixtures/make_npy_fixtures.py; the values below are its values).
struct NPYTests {
    private func fixture(_ name: String) -> String {
        fixturesDirectory.appendingPathComponent("npy").appendingPathComponent(name).path
    }

    private func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: fixture(name))))
    }

    @Test(arguments: [
        ("f4.npy", [2, 3], [1.5, -2, 3.25, 0, 0.1, 65504] as [Float]),
        ("f8.npy", [2, 3], [1.5, -2, 3.25, 0, Float(0.1 as Double), 1e10]),
        ("i1.npy", [5], [-128, -1, 0, 1, 127]),
        ("i2.npy", [3], [-32768, 0, 32767]),
        ("i4.npy", [2, 2], [-2147483648, 0, 1, Float(Int32.max)]),
        ("i8.npy", [4], [-1_099_511_627_776, 0, Float(1_099_511_627_777 as Int64), 7]),
        ("u1.npy", [3], [0, 1, 255]),
        ("u2.npy", [2], [0, 65535]),
        ("u4.npy", [2], [0, Float(UInt32.max)]),
        ("u8.npy", [2], [0, Float(UInt64.max)]),
        ("b1.npy", [3], [1, 0, 1]),
        ("scalar.npy", [], [3.5]),
        ("empty.npy", [0, 3], []),
        ("f8_3d.npy", [2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7]),
        ("v2.npy", [2, 2], [1, 2, 3, 4]),
        ("v3.npy", [2, 2], [1, 2, 3, 4]),
        ("fortran_1d.npy", [3], [1, 2, 3]),
    ])
    func readsEverySupportedDtype(name: String, shape: [Int], values: [Float]) throws {
        expectTensor(try NPYReader.read(fixture(name)), shape: shape, values)
    }

    /// Our writer's bytes are NumPy's bytes for the same array, header padding included.
    @Test(arguments: [
        ("write_2x3.npy", [2, 3], [1.5, -2, 3.25, 0, 0.1, 65504]),
        ("write_vector.npy", [5], [1, 2, 3, 4, 5]),
        ("write_scalar.npy", [], [-0.25]),
        ("write_3d.npy", [2, 3, 4], (0..<24).map(Float.init)),
    ] as [(String, [Int], [Float])])
    func writesWhatNumPyWrites(name: String, shape: [Int], values: [Float]) throws {
        #expect(NPYWriter.encode(try Tensor(shape: shape, scalars: values)) == (try bytes(name)))
    }

    @Test func headerForAnAxisLongerThanTheGrowthRoom() throws {
        let numpy = try bytes("write_long_axis.npy")
        #expect(NPYWriter.header(shape: [123_456_789_012, 0]) == numpy)
    }

    @Test func roundTripsThroughAFile() throws {
        var generator = RandomGenerator(seed: 1)
        let tensor = try Tensor.normal([7, 5, 3], using: &generator)
        let path = temporaryPath("round.npy")
        try NPYWriter.write(tensor, to: path)
        #expect(try NPYReader.read(path).isIdentical(to: tensor))
        try FileManager.default.removeItem(atPath: path)
    }

    @Test func aWideHeaderUsesVersionTwo() throws {
        let shape = [Int](repeating: 1, count: 30_000)
        let encoded = NPYWriter.encode(try Tensor(shape: shape, repeating: 2))
        #expect(encoded[6] == 2)
        #expect((encoded.count - 4) % 64 == 0, "data starts 64-byte aligned")
        let back = try NPYReader.decode(encoded, path: "wide.npy")
        #expect(back.shape == shape)
    }

    @Test(arguments: [
        ("big_endian_f4.npy", DataError.bigEndian(path: "", descr: ">f4")),
        ("big_endian_i8.npy", .bigEndian(path: "", descr: ">i8")),
        ("fortran.npy", .fortranOrder(path: "")),
        ("object.npy", .unsupportedDType(path: "", descr: "|O")),
        ("structured.npy", .unsupportedDType(path: "", descr: "[('a', '<f4'), ('b', '<i4')]")),
        ("complex64.npy", .unsupportedDType(path: "", descr: "<c8")),
        ("float16.npy", .unsupportedDType(path: "", descr: "<f2")),
        ("unicode.npy", .unsupportedDType(path: "", descr: "<U3")),
    ])
    func rejectsWhatItCannotRead(name: String, error: DataError) throws {
        let path = fixture(name)
        let expected: DataError = switch error {
        case let .bigEndian(_, descr): .bigEndian(path: path, descr: descr)
        case .fortranOrder: .fortranOrder(path: path)
        case let .unsupportedDType(_, descr): .unsupportedDType(path: path, descr: descr)
        default: error
        }
        #expect(throws: expected) { try NPYReader.read(path) }
    }

    /// A valid file with its header dict replaced (same length, so the data stays in place).
    private func withHeader(_ dict: String) throws -> [UInt8] {
        var file = try bytes("f4.npy")
        let length = Int(file[8]) | Int(file[9]) << 8
        let text = Array(dict.utf8)
        precondition(text.count <= length - 1, "test header too long")
        file.replaceSubrange(10..<(10 + length - 1), with: text + [UInt8](repeating: 32, count: length - 1 - text.count))
        return file
    }

    @Test func rejectsDamagedFiles() throws {
        let good = try bytes("f4.npy")
        #expect(throws: DataError.notNPY(path: "x.npy")) { try NPYReader.decode(Array("hello world".utf8), path: "x.npy") }
        #expect(throws: DataError.notNPY(path: "x.npy")) { try NPYReader.decode([], path: "x.npy") }
        #expect(throws: DataError.notNPY(path: "x.npy")) { try NPYReader.decode(Array(good.prefix(7)), path: "x.npy") }
        var version = good
        version[6] = 9
        #expect(throws: DataError.unsupportedNPYVersion(path: "x.npy", major: 9, minor: 0)) {
            try NPYReader.decode(version, path: "x.npy")
        }
        #expect(throws: DataError.malformedNPYHeader(path: "x.npy", reason: "the file ends before the header's length")) {
            try NPYReader.decode(Array(good.prefix(9)), path: "x.npy")
        }
        #expect(throws: DataError.malformedNPYHeader(path: "x.npy", reason: "the header is 118 bytes, longer than the file")) {
            try NPYReader.decode(Array(good.prefix(60)), path: "x.npy")
        }
        // 24 bytes of data promised, 20 present.
        #expect(throws: DataError.truncatedNPY(path: "x.npy", expectedBytes: 24, actualBytes: 20)) {
            try NPYReader.decode(Array(good.dropLast(4)), path: "x.npy")
        }
    }

    @Test func aLyingHeaderAllocatesNothing() throws {
        let huge = try withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (100000000000, 1000), }")
        #expect(throws: DataError.truncatedNPY(path: "x.npy", expectedBytes: 400_000_000_000_000, actualBytes: 24)) {
            try NPYReader.decode(huge, path: "x.npy")
        }
        let overflowing = try withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }")
        #expect(throws: DataError.truncatedNPY(path: "x.npy", expectedBytes: Int.max, actualBytes: 24)) {
            try NPYReader.decode(overflowing, path: "x.npy")
        }
        let tooLong = try withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }")
        #expect(throws: DataError.malformedNPYHeader(path: "x.npy", reason: "a dimension is too large")) {
            try NPYReader.decode(tooLong, path: "x.npy")
        }
    }

    @Test(arguments: [
        ("{'descr': '<f4', 'shape': (2, 3), }", "it needs the keys 'descr', 'fortran_order' and 'shape'"),
        ("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2, 3), }", "expected True or False at character 35"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, -3), }", "expected a dimension (a whole number ≥ 0) at character 55"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'extra': 1}", "unexpected key 'extra'"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)", "expected '}' at character 119"),
        ("['descr', '<f4']", "expected '{' at character 1"),
        ("{'descr: '<f4'}", "expected ':' at character 11"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } x", "text after the closing brace"),
        ("{descr: 1}", "expected a quoted string at character 2"),
        ("{'descr': '<f4", "a string is never closed"),
    ])
    func rejectsMalformedHeaders(dict: String, reason: String) throws {
        #expect(throws: DataError.malformedNPYHeader(path: "x.npy", reason: reason)) {
            try NPYReader.decode(try withHeader(dict), path: "x.npy")
        }
    }

    @Test func acceptsHeaderVariantsNumPyHasWritten() throws {
        // Python 2's long suffix, double quotes, no trailing comma, native byte order.
        let variant = try withHeader("{\"descr\": \"=f4\", \"fortran_order\": False, \"shape\": (2L, 3L)}")
        expectTensor(try NPYReader.decode(variant, path: "x.npy"), shape: [2, 3], [1.5, -2, 3.25, 0, 0.1, 65504])
    }

    @Test func arbitraryBytesNeverTrap() throws {
        let good = try bytes("f8_3d.npy")
        var generator = RandomGenerator(seed: 4)
        for end in 0...good.count { _ = try? NPYReader.decode(Array(good.prefix(end)), path: "x.npy") }
        for _ in 0..<2000 {
            var damaged = good
            for _ in 0..<(1 + generator.nextInt(below: 4)) {
                damaged[generator.nextInt(below: damaged.count)] = UInt8(generator.nextInt(below: 256))
            }
            _ = try? NPYReader.decode(damaged, path: "x.npy")
        }
    }
}
