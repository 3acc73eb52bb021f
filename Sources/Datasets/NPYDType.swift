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
