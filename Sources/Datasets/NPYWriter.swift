import Autodiff

/// Writes tensors as NumPy `.npy` files (float32, C order), byte for byte as `np.save` does.
///
/// The header is NumPy's (`numpy.lib.format._write_array_header`): the dict with keys in sorted
/// order, spaces so the first axis can grow to 21 digits in place, then spaces and a newline
/// to align the data to 64 bytes. Version 1.0 unless the header needs 2.0's 4-byte length.
public enum NPYWriter {
    /// Writes `tensor` to `path` (replacing any file there).
    public static func write(_ tensor: Tensor, to path: String) throws(DataError) {
        try FileBytes.save(encode(tensor), to: path)
    }

    /// The bytes of a `.npy` file holding `tensor`.
    public static func encode(_ tensor: Tensor) -> [UInt8] {
        var bytes = header(shape: tensor.shape)
        bytes.reserveCapacity(bytes.count + tensor.count * 4)
        tensor.withUnsafeBufferPointer { values in
            for value in values {
                let bits = value.bitPattern.littleEndian
                withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
            }
        }
        return bytes
    }

    /// NumPy's `ARRAY_ALIGN`: the data starts at a multiple of this.
    static let alignment = 64
    /// NumPy's `GROWTH_AXIS_MAX_DIGITS`: room left in the header for the first axis to grow.
    static let growthAxisDigits = 21

    /// Magic, version, length and padded dict for a float32 C-order array of `shape`.
    static func header(shape: [Int]) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }"
        if let first = shape.first {
            dict += String(repeating: " ", count: max(0, growthAxisDigits - String(first).count))
        }
        let text = Array(dict.utf8)
        // Version 1.0 stores the length in 2 bytes; a longer header (a rank in the thousands)
        // takes 2.0's 4 bytes.
        var lengthBytes = 2
        var (padding, length) = padded(text.count, lengthBytes: lengthBytes)
        if length >= 1 << 16 {
            lengthBytes = 4
            (padding, length) = padded(text.count, lengthBytes: lengthBytes)
        }
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [lengthBytes == 2 ? 1 : 2, 0]
        for i in 0..<lengthBytes { bytes.append(UInt8(truncatingIfNeeded: length >> (8 * i))) }
        bytes += text
        bytes += repeatElement(UInt8(ascii: " "), count: padding)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// The spaces after a dict of `count` bytes, and the header length field's value.
    private static func padded(_ count: Int, lengthBytes: Int) -> (padding: Int, length: Int) {
        let unpadded = 6 + 2 + lengthBytes + count + 1  // magic, version, length, dict, newline
        let padding = alignment - unpadded % alignment  // NumPy pads a full 64 when already aligned
        return (padding, count + padding + 1)
    }
}
