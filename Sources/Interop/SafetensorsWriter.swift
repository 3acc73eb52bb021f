import Autodiff

/// Encodes float32 tensors in the safetensors format (huggingface/safetensors):
///
/// ```
/// [8 bytes: N, little-endian u64][N bytes: JSON header][data buffer]
/// header: {"__metadata__": {"format": "pt", …}, "dense_0.W": {"dtype": "F32", "shape": [10, 128],
///          "data_offsets": [0, 5120]}, …}
/// ```
///
/// Tensors are laid out in name order, back to back, as little-endian F32; offsets are relative
/// to the start of the data buffer. The header is padded with spaces so the buffer starts at a
/// multiple of 8 bytes (as the reference writer does), which lets readers map it aligned.
public enum SafetensorsWriter {
    /// The file's bytes for `tensors` (names must be unique, non-empty and not `__metadata__`)
    /// with string `metadata` (`format: pt` is added unless given).
    public static func encode(
        _ tensors: [(name: String, value: Tensor)], metadata: [String: String] = [:]
    ) throws(ExportError) -> [UInt8] {
        var seen = Set<String>()
        for (name, _) in tensors {
            guard !name.isEmpty, name != "__metadata__" else { throw .invalidTensorName(name) }
            guard seen.insert(name).inserted else { throw .duplicateTensor(name) }
        }
        let ordered = tensors.sorted { $0.name < $1.name }

        var meta = metadata
        if meta["format"] == nil { meta["format"] = "pt" }
        var header: [JSONValue.Member] = [
            JSONValue.Member("__metadata__", .object(meta.keys.sorted().map { JSONValue.Member($0, .string(meta[$0] ?? "")) })),
        ]
        var offset = 0
        for (name, value) in ordered {
            let bytes = value.count * 4
            header.append(JSONValue.Member(name, .object([
                "dtype": .string("F32"),
                "shape": .array(value.shape.map { .int($0) }),
                "data_offsets": .array([.int(offset), .int(offset + bytes)]),
            ])))
            offset += bytes
        }
        var headerBytes = Array(JSONValue.object(header).serialized().utf8)
        while (8 + headerBytes.count) % 8 != 0 { headerBytes.append(0x20) }

        var out = [UInt8]()
        out.reserveCapacity(8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: headerBytes)
        for (_, value) in ordered {
            value.withUnsafeBufferPointer { buffer in
                for x in buffer {
                    withUnsafeBytes(of: x.bitPattern.littleEndian) { out.append(contentsOf: $0) }
                }
            }
        }
        return out
    }
}
