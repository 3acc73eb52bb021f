import Testing
import Autodiff
@testable import Interop

/// Malformed files, each rejected with the error that names its problem; and a fuzz loop.
struct SafetensorsMalformedTests {
    static let entry = #""w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}"#
    static let valid = craftSafetensors("{\(entry)}", f32Bytes([1, 2]))

    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let bytes: [UInt8]
        let error: ExportError
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "shorter than the length prefix", bytes: [1, 2, 3],
             error: .truncated("it has 3 bytes, fewer than the 8-byte header length")),
        Case(label: "truncated data", bytes: Array(valid.dropLast(3)),
             error: .offsetsOutOfRange(tensor: "w", begin: 0, end: 8, bufferSize: 5)),
        Case(label: "header length beyond the file", bytes: craftSafetensors("{}", [], lengthOverride: 1000),
             error: .headerBeyondFile(length: 1000, fileSize: 10)),
        Case(label: "header length beyond 100 MB", bytes: craftSafetensors("{}", [], lengthOverride: 1 << 62),
             error: .headerTooLarge(length: 1 << 62, limit: 100_000_000)),
        Case(label: "header length of UInt64.max", bytes: craftSafetensors("{}", [], lengthOverride: .max),
             error: .headerTooLarge(length: .max, limit: 100_000_000)),
        Case(label: "bad JSON", bytes: craftSafetensors("{\"w\": ", []),
             error: .invalidHeader("unexpected end of text at byte 6")),
        Case(label: "not UTF-8", bytes: craftSafetensors("{\"\u{FF}\":1}", []).map { $0 == 0xC3 ? 0xFF : $0 },
             error: .invalidHeader("the text is not valid UTF-8 at byte 0")),
        Case(label: "header not an object", bytes: craftSafetensors("[1]", []),
             error: .invalidHeader("it is an array, not an object")),
        Case(label: "duplicate names", bytes: craftSafetensors("{\(entry),\(entry)}", f32Bytes([1, 2])),
             error: .duplicateTensor("w")),
        Case(label: "metadata not strings", bytes: craftSafetensors(#"{"__metadata__":{"n":1}}"#, []),
             error: .invalidHeader("__metadata__ maps strings to strings; n is a number")),
        Case(label: "missing dtype", bytes: craftSafetensors(#"{"w":{"shape":[2],"data_offsets":[0,8]}}"#, f32Bytes([1, 2])),
             error: .invalidHeader("w has no dtype string")),
        Case(label: "integer dtype", bytes: craftSafetensors(#"{"w":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#, f32Bytes([1, 2])),
             error: .unsupportedDType(tensor: "w", dtype: "I64")),
        Case(label: "unknown dtype", bytes: craftSafetensors(#"{"w":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}}"#, f32Bytes([1, 2])),
             error: .unsupportedDType(tensor: "w", dtype: "F33")),
        Case(label: "offsets beyond the buffer", bytes: craftSafetensors(#"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, f32Bytes([1, 2])),
             error: .offsetsOutOfRange(tensor: "w", begin: 0, end: 16, bufferSize: 8)),
        Case(label: "reversed offsets", bytes: craftSafetensors(#"{"w":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}"#, f32Bytes([1, 2])),
             error: .offsetsOutOfRange(tensor: "w", begin: 8, end: 0, bufferSize: 8)),
        Case(label: "negative offset", bytes: craftSafetensors(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}}"#, f32Bytes([1, 2])),
             error: .offsetsOutOfRange(tensor: "w", begin: -8, end: 0, bufferSize: 8)),
        Case(label: "overlapping tensors",
             bytes: craftSafetensors(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, f32Bytes([1, 2])),
             error: .overlappingTensors("a", "b")),
        Case(label: "a gap between tensors",
             bytes: craftSafetensors(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#, f32Bytes([1, 2, 3])),
             error: .bufferNotCovered(begin: 4, end: 8, bufferSize: 12)),
        Case(label: "trailing bytes", bytes: craftSafetensors("{\(entry)}", f32Bytes([1, 2, 3])),
             error: .bufferNotCovered(begin: 8, end: 12, bufferSize: 12)),
        Case(label: "shape and size disagree", bytes: craftSafetensors(#"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, f32Bytes([1, 2])),
             error: .sizeMismatch(tensor: "w", shape: [3], dtype: "F32", expectedBytes: 12, actualBytes: 8)),
        Case(label: "negative dimension", bytes: craftSafetensors(#"{"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, f32Bytes([1, 2])),
             error: .invalidShape(tensor: "w", message: "-2 is not a dimension (a non-negative integer)")),
        Case(label: "fractional dimension", bytes: craftSafetensors(#"{"w":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}}"#, f32Bytes([1, 2])),
             error: .invalidShape(tensor: "w", message: "2.5 is not a dimension (a non-negative integer)")),
        Case(label: "huge dimensions overflow", bytes: craftSafetensors(#"{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}"#, f32Bytes([1, 2])),
             error: .invalidShape(tensor: "w", message: "the element count overflows")),
        Case(label: "huge byte size overflows", bytes: craftSafetensors(#"{"w":{"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,8]}}"#, f32Bytes([1, 2])),
             error: .invalidShape(tensor: "w", message: "the byte size overflows")),
        Case(label: "dimension beyond Int", bytes: craftSafetensors(#"{"w":{"dtype":"F32","shape":[99999999999999999999],"data_offsets":[0,8]}}"#, f32Bytes([1, 2])),
             error: .invalidShape(tensor: "w", message: "1e+20 is not a dimension (a non-negative integer)")),
        Case(label: "a zero dimension beside a huge one", bytes: craftSafetensors(#"{"w":{"dtype":"F32","shape":[0,9223372036854775807],"data_offsets":[0,8]}}"#, f32Bytes([1, 2])),
             error: .sizeMismatch(tensor: "w", shape: [0, Int.max], dtype: "F32", expectedBytes: 0, actualBytes: 8)),
        Case(label: "offsets not integers", bytes: craftSafetensors(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0]}}"#, f32Bytes([1, 2])),
             error: .invalidHeader("w needs data_offsets [begin, end] of two integers")),
        Case(label: "too many axes", bytes: craftSafetensors(#"{"w":{"dtype":"F32","shape":["# + Array(repeating: "1", count: 65).joined(separator: ",") + #"],"data_offsets":[0,4]}}"#, f32Bytes([1])),
             error: .invalidShape(tensor: "w", message: "65 axes, more than 64")),
    ]

    @Test(arguments: cases)
    func rejects(_ c: Case) {
        #expect(throws: c.error) { try SafetensorsReader.decode(c.bytes) }
    }

    @Test func theBaseCaseIsValid() throws {
        #expect(try SafetensorsReader.decode(Self.valid).tensor(named: "w")?.scalars == [1, 2])
    }

    /// Mutates valid files with a seeded generator (flipped bytes, overwritten length prefixes,
    /// truncations, edited header digits) and decodes each: every outcome must be a value or an
    /// ExportError; a trap would end the test process.
    @Test func fuzzedFilesNeverTrap() throws {
        let base = try SafetensorsWriter.encode([
            ("dense_0.W", try Tensor(shape: [3, 4], scalars: (0..<12).map(Float.init))),
            ("dense_0.b", Tensor([1, 2, 3, 4])), ("s", Tensor(Float(2))),
        ], metadata: ["gradbook.architecture": "{}"])
        var g = RandomGenerator(seed: 20261129)
        var accepted = 0, rejected = 0
        for _ in 0..<4000 {
            var bytes = base
            for _ in 0..<(1 + g.nextInt(below: 4)) {
                switch g.nextInt(below: 5) {
                case 0 where !bytes.isEmpty: bytes[g.nextInt(below: bytes.count)] = UInt8(g.nextInt(below: 256))
                case 1: bytes = Array(bytes.prefix(g.nextInt(below: bytes.count + 1)))
                case 2 where bytes.count >= 8: bytes[g.nextInt(below: 8)] = UInt8(g.nextInt(below: 256))
                case 3:
                    // Change a digit of the header (shapes and offsets): the likeliest way to lie.
                    let digits = bytes.indices.filter { $0 >= 8 && $0 < Swift.min(bytes.count, 300) && (48...57).contains(bytes[$0]) }
                    if !digits.isEmpty { bytes[digits[g.nextInt(below: digits.count)]] = UInt8(48 + g.nextInt(below: 10)) }
                default: bytes.insert(UInt8(g.nextInt(below: 256)), at: g.nextInt(below: bytes.count + 1))
                }
            }
            do {
                let contents = try SafetensorsReader.decode(bytes)
                for e in contents.entries { #expect(e.tensor.count == e.tensor.shape.reduce(1, *)) }
                accepted += 1
            } catch {
                rejected += 1
            }
        }
        #expect(accepted + rejected == 4000)
        #expect(rejected > 1000, "the mutations should break most files")
    }
}
