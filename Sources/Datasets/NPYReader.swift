import Autodiff

/// Reads NumPy `.npy` files (`load("x.npy")`) into float32 tensors of the stored shape.
///
/// Supported: format versions 1.0, 2.0 and 3.0; C order; little-endian (or byte-order-free)
/// float32, float64, int8/16/32/64, uint8/16/32/64 and bool, all converted to float32 (float64
/// rounds to nearest; integers beyond 2^24 round too). Rejected with a `DataError`, never a
/// trap: another magic or version, a malformed header, big-endian data, Fortran order, object,
/// structured, complex, string and float16 dtypes, and data shorter than the header promises —
/// checked against the file's size before anything is allocated, so a lying header cannot ask
/// for a huge tensor. Bytes after the data are ignored, as NumPy ignores them.
public enum NPYReader {
    /// The array in the file at `path`.
    public static func read(_ path: String) throws(DataError) -> Tensor {
        let file = try FileBytes.load(path)
        defer { withExtendedLifetime(file) {} }  // the pointers below are into it
        return try decode(file.bytes, path: path)
    }

    /// The array in the bytes of a `.npy` file; `path` names it in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws(DataError) -> Tensor {
        let result = bytes.withUnsafeBytes { bytes -> Result<Tensor, DataError> in
            do throws(DataError) {
                return .success(try decode(bytes, path: path))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, path: String) throws(DataError) -> Tensor {
        let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
        guard bytes.count >= 8, bytes[0..<6].elementsEqual(magic) else { throw .notNPY(path: path) }
        let major = Int(bytes[6]), minor = Int(bytes[7])
        guard minor == 0, (1...3).contains(major) else {
            throw .unsupportedNPYVersion(path: path, major: major, minor: minor)
        }
        let lengthBytes = major == 1 ? 2 : 4
        guard bytes.count >= 8 + lengthBytes else {
            throw .malformedNPYHeader(path: path, reason: "the file ends before the header's length")
        }
        let headerLength = (0..<lengthBytes).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        let headerStart = 8 + lengthBytes
        let dataStart = headerStart + headerLength
        guard dataStart <= bytes.count else {
            throw .malformedNPYHeader(path: path, reason: "the header is \(headerLength) bytes, longer than the file")
        }
        let headerText = major == 3
            ? String(decoding: bytes[headerStart..<dataStart], as: UTF8.self)
            : String(String.UnicodeScalarView(bytes[headerStart..<dataStart].map { Unicode.Scalar($0) }))  // Latin-1
        let header = try NPYHeader(parsing: headerText, path: path)
        guard !header.isStructured, let dtype = NPYDType(descr: header.descr) else {
            throw .unsupportedDType(path: path, descr: header.descr)
        }
        guard !dtype.isBigEndian else { throw .bigEndian(path: path, descr: header.descr) }
        // Fortran and C order agree when at most one axis is longer than 1.
        guard !header.fortranOrder || header.shape.filter({ $0 > 1 }).count <= 1 else {
            throw .fortranOrder(path: path)
        }

        var count = 1
        for d in header.shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else { throw .truncatedNPY(path: path, expectedBytes: Int.max, actualBytes: bytes.count - dataStart) }
            count = product
        }
        let (needed, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        guard !overflow, needed <= bytes.count - dataStart else {
            throw .truncatedNPY(path: path, expectedBytes: overflow ? Int.max : needed, actualBytes: bytes.count - dataStart)
        }
        var tensor: Tensor
        do { tensor = try Tensor(shape: header.shape, repeating: 0) } catch { throw .tensor(error) }
        tensor.withUnsafeMutableBufferPointer { out in
            dtype.convert(UnsafeRawBufferPointer(rebasing: bytes[dataStart..<(dataStart + needed)]), into: out)
        }
        return tensor
    }
}
