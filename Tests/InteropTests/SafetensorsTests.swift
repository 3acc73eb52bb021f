import Testing
import Autodiff
@testable import Interop

/// A safetensors file made by hand: `header` JSON text and the data buffer, with the length prefix.
func craftSafetensors(_ header: String, _ buffer: [UInt8], lengthOverride: UInt64? = nil) -> [UInt8] {
    let h = Array(header.utf8)
    var out: [UInt8] = []
    withUnsafeBytes(of: (lengthOverride ?? UInt64(h.count)).littleEndian) { out.append(contentsOf: $0) }
    return out + h + buffer
}

/// Little-endian float32 bytes.
func f32Bytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
}

struct SafetensorsTests {
    let tensors: [(name: String, value: Tensor)] = [
        ("b", Tensor([1, -2, .pi])),
        ("a", (try? Tensor(shape: [2, 2], scalars: [0, -0.0, .infinity, .leastNonzeroMagnitude])) ?? Tensor(0)),
        ("scalar", Tensor(Float(7))),
        ("empty", (try? Tensor.zeros([0, 3])) ?? Tensor(0)),
        ("nan", Tensor([.nan])),
    ]

    @Test func roundTripsBitExactly() throws {
        let bytes = try SafetensorsWriter.encode(tensors, metadata: ["gradbook.version": "0.1.0"])
        let headerLength = bytes.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect((8 + headerLength) % 8 == 0, "the data buffer starts 8-aligned")
        let contents = try SafetensorsReader.decode(bytes)
        #expect(contents.entries.map(\.name) == ["a", "b", "empty", "nan", "scalar"])
        for (name, value) in tensors {
            let read = try #require(contents.tensor(named: name))
            #expect(read.shape == value.shape)
            #expect(read.scalars.map(\.bitPattern) == value.scalars.map(\.bitPattern))
        }
        #expect(contents.metadata == ["format": "pt", "gradbook.version": "0.1.0"])
        #expect(contents.entries.allSatisfy { $0.storedAs == .f32 })
    }

    @Test func writesTheReferenceLayout() throws {
        let bytes = try SafetensorsWriter.encode([("x", Tensor([1, 2]))])
        let header = String(decoding: bytes[8...].prefix { $0 != 0x20 && $0 != 0 }, as: UTF8.self)
        #expect(header.hasPrefix(#"{"__metadata__":{"format":"pt"},"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#))
        #expect(Array(bytes.suffix(8)) == f32Bytes([1, 2]))
    }

    @Test func writerRejectsNamesItCannotStore() {
        #expect(throws: ExportError.duplicateTensor("w")) {
            try SafetensorsWriter.encode([("w", Tensor([1])), ("w", Tensor([2]))])
        }
        #expect(throws: ExportError.invalidTensorName("__metadata__")) {
            try SafetensorsWriter.encode([("__metadata__", Tensor([1]))])
        }
        #expect(throws: ExportError.invalidTensorName("")) { try SafetensorsWriter.encode([("", Tensor([1]))]) }
    }

    @Test func convertsHalfDoubleAndBFloat16() throws {
        let f64 = [Double(1.5), -0.1].flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
        let f16 = [Float16(0.5), Float16(-2)].flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
        let bf16: [UInt8] = [0x80, 0x3F, 0x40, 0xC0]  // 1.0, -3.0 as the top halves of float32
        let header = #"{"d":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},"h":{"dtype":"F16","shape":[2],"data_offsets":[16,20]},"#
            + #""g":{"dtype":"BF16","shape":[1,2],"data_offsets":[20,24]}}"#
        let contents = try SafetensorsReader.decode(craftSafetensors(header, f64 + f16 + bf16))
        #expect(contents.tensor(named: "d")?.scalars == [1.5, Float(-0.1)])
        #expect(contents.tensor(named: "h")?.scalars == [0.5, -2])
        #expect(contents.tensor(named: "g")?.scalars == [1, -3])
        #expect(contents.tensor(named: "g")?.shape == [1, 2])
        #expect(contents.entries.map(\.storedAs) == [.f64, .bf16, .f16])
    }

    @Test func acceptsHeaderPaddingAndNoMetadata() throws {
        let contents = try SafetensorsReader.decode(craftSafetensors(#"{"x":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}   "#, f32Bytes([3])))
        #expect(contents.tensor(named: "x")?.scalar == 3)
        #expect(contents.metadata.isEmpty)
    }
}
