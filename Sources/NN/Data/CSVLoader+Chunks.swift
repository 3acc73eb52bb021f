#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Autodiff

/// The rows of one chunk of a CSV file, parsed into row-major buffers.
struct CSVChunk {
    var rows = 0
    var features: [Float] = []
    var targets: [Float] = []
    var fault: CSVFault?
}

extension CSVLoader {
    /// Parses `range` in one chunk per core when it is large and has no quote characters (a
    /// quoted field may hold a newline, so only then is every newline a row boundary); with
    /// `labels` (a text target), in one chunk.
    static func parseChunks(
        _ range: Range<Int>, _ buffer: UnsafeBufferPointer<UInt8>, _ columns: CSVColumns,
        labels: inout CSVClassLabels?
    ) -> [CSVChunk] {
        let base = buffer.baseAddress!
        let parts = min(Parallel.coreCount, range.count / minimumChunkBytes)
        guard labels == nil, parts > 1,
              memchr(base + range.lowerBound, Int32(CSVRowParser.quote), range.count) == nil else {
            return [parseChunk(range, base, columns, labels: &labels)]
        }
        var bounds = [range.lowerBound]
        for part in 1..<parts {
            let cut = range.lowerBound + range.count / parts * part
            guard cut > bounds[bounds.count - 1],
                  let newline = memchr(base + cut, Int32(CSVRowParser.newline), range.upperBound - cut) else { break }
            let next = UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) + 1 - base
            if next < range.upperBound { bounds.append(next) }
        }
        bounds.append(range.upperBound)
        var chunks = [CSVChunk](repeating: CSVChunk(), count: bounds.count - 1)
        chunks.withUnsafeMutableBufferPointer { slots in
            Parallel.forEach(slots.count) { i in
                var noLabels: CSVClassLabels?
                slots[i] = parseChunk(bounds[i]..<bounds[i + 1], base, columns, labels: &noLabels)
            }
        }
        return chunks
    }

    /// Parses one chunk into buffers sized for its lines.
    static func parseChunk(
        _ range: Range<Int>, _ base: UnsafePointer<UInt8>, _ columns: CSVColumns, labels: inout CSVClassLabels?
    ) -> CSVChunk {
        // Room for every line; a row also needs at least one byte per column, which bounds the
        // buffers by the chunk's size even for a file of blank lines under a very wide header.
        let capacity = min(newlineCount(range, base) + 1, range.count / columns.names.count + 1)
        var chunk = CSVChunk()
        chunk.features = [Float](unsafeUninitializedCapacity: max(1, capacity * columns.featureCount)) { features, featureCount in
            chunk.targets = [Float](unsafeUninitializedCapacity: max(1, capacity * columns.targetCount)) { targets, targetCount in
                (chunk.rows, chunk.fault) = CSVRowParser.parse(
                    range, of: base, columns: columns,
                    features: features.baseAddress!, targets: targets.baseAddress!, labels: &labels)
                targetCount = chunk.rows * columns.targetCount
            }
            featureCount = chunk.rows * columns.featureCount
        }
        return chunk
    }

    private static func newlineCount(_ range: Range<Int>, _ base: UnsafePointer<UInt8>) -> Int {
        var count = 0
        var p = UnsafeRawPointer(base + range.lowerBound)
        let end = UnsafeRawPointer(base + range.upperBound)
        while p < end, let found = memchr(p, Int32(CSVRowParser.newline), end - p) {
            count += 1
            p = UnsafeRawPointer(found) + 1
        }
        return count
    }

    /// The dataset made of the chunks' rows, in order.
    static func assemble(_ chunks: [CSVChunk], columns: CSVColumns, labels: CSVClassLabels?) throws(DataError) -> Dataset {
        let n = chunks.reduce(0) { $0 + $1.rows }
        let yShape = columns.targetCount == 1 ? [n] : [n, columns.targetCount]
        var x: Tensor, y: Tensor
        do {
            x = try Tensor(shape: [n, columns.featureCount], repeating: 0)
            y = try Tensor(shape: yShape, repeating: 0)
        } catch {
            throw .tensor(error)
        }
        x.withUnsafeMutableBufferPointer { concatenate(chunks.map(\.features), into: $0) }
        y.withUnsafeMutableBufferPointer { concatenate(chunks.map(\.targets), into: $0) }
        var classNames: [String]?
        if let labels {
            let (names, renumbering) = labels.sorted()
            y.withUnsafeMutableBufferPointer { y in
                for i in y.indices { y[i] = renumbering[Int(y[i])] }
            }
            classNames = names
        }
        return Dataset(validX: x, y: y, featureNames: columns.featureNames, targetNames: columns.targetNames,
                       classNames: classNames)
    }

    private static func concatenate(_ parts: [[Float]], into destination: UnsafeMutableBufferPointer<Float>) {
        var offset = 0
        for part in parts {
            part.withUnsafeBufferPointer { source in
                guard let from = source.baseAddress, let to = destination.baseAddress else { return }
                (to + offset).update(from: from, count: source.count)
            }
            offset += part.count
        }
    }
}
