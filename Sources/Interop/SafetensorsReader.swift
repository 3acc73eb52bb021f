import Autodiff

/// What a safetensors file holds: its tensors (converted to float32) and its metadata.
public struct SafetensorsContents {
    /// One tensor with the dtype it was stored as.
    public struct Entry {
        public let name: String
        public let storedAs: SafetensorsDType
        public let tensor: Tensor
    }

    /// In name order.
    public let entries: [Entry]
    /// The header's `__metadata__` (string to string), empty when absent.
    public let metadata: [String: String]

    /// The tensor named `name`, or nil.
    public func tensor(named name: String) -> Tensor? {
        entries.first { $0.name == name }?.tensor
    }
}

/// Decodes safetensors files defensively: every length and offset is checked against the
/// bytes actually present before anything is allocated from it, so a truncated, corrupt or
/// hostile file is an `ExportError` naming the problem, never a trap or a huge allocation.
///
/// Checks, in order: the 8-byte header length (within the file and at most 100 MB, the
/// reference reader's limit); the header (UTF-8 JSON, an object, no duplicate names,
/// `__metadata__` string to string); each entry (known dtype, non-negative dims whose product
/// does not overflow, offsets inside the buffer, element count × dtype size = byte span);
/// and the layout (tensors neither overlap nor leave gaps, covering the buffer exactly).
public enum SafetensorsReader {
    /// The largest header accepted, in bytes (the reference implementation's `MAX_HEADER_SIZE`).
    public static let maxHeaderBytes = 100_000_000
    /// More axes than this is not a tensor anyone meant.
    public static let maxRank = 64

    /// Decodes a whole file's bytes.
    public static func decode(_ bytes: [UInt8]) throws(ExportError) -> SafetensorsContents {
        // `withUnsafeBytes` rethrows untyped errors; a Result keeps the type.
        try bytes.withUnsafeBytes { raw in Result { () throws(ExportError) in try decode(raw) } }.get()
    }

    /// Decodes a whole file's bytes in place (e.g. a memory-mapped file).
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(ExportError) -> SafetensorsContents {
        guard bytes.count >= 8 else {
            throw .truncated("it has \(bytes.count) bytes, fewer than the 8-byte header length")
        }
        let length = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        guard length <= UInt64(maxHeaderBytes) else { throw .headerTooLarge(length: length, limit: maxHeaderBytes) }
        guard length <= UInt64(bytes.count - 8) else { throw .headerBeyondFile(length: length, fileSize: bytes.count) }
        let headerEnd = 8 + Int(length)
        let header = try parseHeader(Array(bytes[8..<headerEnd]))
        let buffer = UnsafeRawBufferPointer(rebasing: bytes[headerEnd...])

        var metadata: [String: String] = [:]
        var layouts: [TensorLayout] = []
        for member in header {
            if member.key == "__metadata__" {
                metadata = try parseMetadata(member.value)
            } else {
                layouts.append(try TensorLayout(name: member.key, entry: member.value, bufferSize: buffer.count))
            }
        }
        try checkCoverage(layouts, bufferSize: buffer.count)

        var entries: [SafetensorsContents.Entry] = []
        for layout in layouts.sorted(by: { $0.name < $1.name }) {
            entries.append(.init(name: layout.name, storedAs: layout.dtype, tensor: try layout.tensor(from: buffer)))
        }
        return SafetensorsContents(entries: entries, metadata: metadata)
    }

    private static func parseHeader(_ bytes: [UInt8]) throws(ExportError) -> [JSONValue.Member] {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            if let name = error.duplicateKey { throw .duplicateTensor(name) }
            throw .invalidHeader(error.description)
        }
        guard let members = json.objectValue else { throw .invalidHeader("it is \(json.kindDescription), not an object") }
        return members
    }

    private static func parseMetadata(_ value: JSONValue) throws(ExportError) -> [String: String] {
        guard let members = value.objectValue else { throw .invalidHeader("__metadata__ is \(value.kindDescription), not an object") }
        var result: [String: String] = [:]
        for member in members {
            guard let text = member.value.stringValue else {
                throw .invalidHeader("__metadata__ maps strings to strings; \(member.key) is \(member.value.kindDescription)")
            }
            result[member.key] = text
        }
        return result
    }

    /// The tensors, sorted by offset, must tile the buffer: each starts where the last ended.
    private static func checkCoverage(_ layouts: [TensorLayout], bufferSize: Int) throws(ExportError) {
        let sorted = layouts.sorted { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var cursor = 0
        var previous: String?
        for layout in sorted {
            if layout.begin < cursor, let previous { throw .overlappingTensors(previous, layout.name) }
            if layout.begin > cursor { throw .bufferNotCovered(begin: cursor, end: layout.begin, bufferSize: bufferSize) }
            cursor = layout.end
            previous = layout.name
        }
        if cursor != bufferSize { throw .bufferNotCovered(begin: cursor, end: bufferSize, bufferSize: bufferSize) }
    }
}

/// One header entry, validated against the buffer it points into.
private struct TensorLayout {
    let name: String
    let dtype: SafetensorsDType
    let shape: [Int]
    let count: Int
    let begin: Int, end: Int

    init(name: String, entry: JSONValue, bufferSize: Int) throws(ExportError) {
        guard entry.objectValue != nil else { throw .invalidHeader("\(name) is \(entry.kindDescription), not an object") }
        guard let dtypeName = entry["dtype"]?.stringValue else { throw .invalidHeader("\(name) has no dtype string") }
        guard let dtype = SafetensorsDType(rawValue: dtypeName) else { throw .unsupportedDType(tensor: name, dtype: dtypeName) }
        guard let dims = entry["shape"]?.arrayValue else { throw .invalidHeader("\(name) has no shape array") }
        guard dims.count <= SafetensorsReader.maxRank else {
            throw .invalidShape(tensor: name, message: "\(dims.count) axes, more than \(SafetensorsReader.maxRank)")
        }
        var shape: [Int] = [], count = 1
        for dim in dims {
            guard let d = dim.intValue, d >= 0 else {
                throw .invalidShape(tensor: name, message: "\(dim.serialized()) is not a dimension (a non-negative integer)")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else { throw .invalidShape(tensor: name, message: "the element count overflows") }
            shape.append(d)
            count = product
        }
        guard let offsets = entry["data_offsets"]?.arrayValue, offsets.count == 2,
              let begin = offsets[0].intValue, let end = offsets[1].intValue else {
            throw .invalidHeader("\(name) needs data_offsets [begin, end] of two integers")
        }
        guard begin >= 0, begin <= end, end <= bufferSize else {
            throw .offsetsOutOfRange(tensor: name, begin: begin, end: end, bufferSize: bufferSize)
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        guard !overflow else { throw .invalidShape(tensor: name, message: "the byte size overflows") }
        guard bytes == end - begin else {
            throw .sizeMismatch(tensor: name, shape: shape, dtype: dtypeName, expectedBytes: bytes, actualBytes: end - begin)
        }
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.count = count
        self.begin = begin
        self.end = end
    }

    /// The tensor's values as float32; its span was checked to lie inside `buffer`.
    func tensor(from buffer: UnsafeRawBufferPointer) throws(ExportError) -> Tensor {
        guard count <= TensorAllocationLimit.elements else { throw .tensorTooLarge(tensor: name, elements: count) }
        let span = UnsafeRawBufferPointer(rebasing: buffer[begin..<end])
        let values = [Float](unsafeUninitializedCapacity: count) { out, initialized in
            for i in 0..<count { out[i] = dtype.element(span, at: i) }
            initialized = count
        }
        do {
            return try Tensor(shape: shape, scalars: values)
        } catch {
            throw .tensorTooLarge(tensor: name, elements: count)
        }
    }
}
