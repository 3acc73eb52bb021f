/// The element types of the safetensors format that gradbook reads, each converted to float32.
///
/// gradbook computes in float32 and writes only `F32`; files written elsewhere in half or
/// double precision are converted on read (F64 rounds to nearest, F16 and BF16 widen exactly).
/// Other dtypes (integers, booleans, 8-bit floats) are rejected by name.
public enum SafetensorsDType: String, Sendable, CaseIterable {
    case f32 = "F32"
    case f64 = "F64"
    case f16 = "F16"
    case bf16 = "BF16"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .f64: 8
        case .f32: 4
        case .f16, .bf16: 2
        }
    }

    /// Element `index` of a little-endian buffer, as float32. The caller guarantees the
    /// element lies inside `bytes`.
    @inline(__always)
    func element(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Float {
        switch self {
        case .f32:
            Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
        case .f64:
            Float(Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))))
        case .f16:
            Float(Float16(bitPattern: UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))))
        case .bf16:
            // bfloat16 is the top half of a float32.
            Float(bitPattern: UInt32(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))) << 16)
        }
    }
}
