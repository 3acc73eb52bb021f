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

/// The element types `NPYReader` converts, from a dtype string such as `<f4` or `|u1`.
struct NPYDType {
    enum Kind { case float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64, bool }

    let kind: Kind
    /// True for `>` with a multi-byte type (a one-byte type has no byte order).
    let isBigEndian: Bool

    /// The bytes per element.
    var size: Int {
        switch kind {
        case .int8, .uint8, .bool: 1
        case .int16, .uint16: 2
        case .float32, .int32, .uint32: 4
        case .float64, .int64, .uint64: 8
        }
    }

    /// nil for a dtype that is not one of these.
    init?(descr: String) {
        var code = Substring(descr)
        var order: Character = "|"
        if let first = code.first, "<>|=".contains(first) {
            order = first
            code = code.dropFirst()
        }
        let kinds: [Substring: Kind] = [
            "f4": .float32, "f8": .float64, "i1": .int8, "i2": .int16, "i4": .int32, "i8": .int64,
            "u1": .uint8, "u2": .uint16, "u4": .uint32, "u8": .uint64, "b1": .bool, "?": .bool,
        ]
        guard let kind = kinds[code] else { return nil }
        self.kind = kind
        isBigEndian = order == ">" && ![.int8, .uint8, .bool].contains(kind)
    }

    /// Little-endian elements from `raw` into `out` as float32.
    func convert(_ raw: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<Float>) {
        func each<T: FixedWidthInteger>(_: T.Type, _ value: (T) -> Float) {
            for i in out.indices {
                out[i] = value(T(littleEndian: raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)))
            }
        }
        switch kind {
        case .float32: each(UInt32.self) { Float(bitPattern: $0) }
        case .float64: each(UInt64.self) { Float(Double(bitPattern: $0)) }
        case .int8: each(Int8.self) { Float($0) }
        case .int16: each(Int16.self) { Float($0) }
        case .int32: each(Int32.self) { Float($0) }
        case .int64: each(Int64.self) { Float($0) }
        case .uint8: each(UInt8.self) { Float($0) }
        case .uint16: each(UInt16.self) { Float($0) }
        case .uint32: each(UInt32.self) { Float($0) }
        case .uint64: each(UInt64.self) { Float($0) }
        case .bool: each(UInt8.self) { $0 == 0 ? 0 : 1 }
        }
    }
}
