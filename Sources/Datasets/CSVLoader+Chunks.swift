#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Autodiff

extension CSVLoader {
    /// Parses the data rows in `range` (which runs to the end of the text) straight into `x`
    /// and `y`, in a few chunks per core when the text is large and has no quote character (a
    /// quoted field may hold a newline, so only then is every newline a row boundary).
    ///
    /// 1. Cut the text at newlines; count each chunk's newlines (concurrently) — a chunk holds at
    ///    most that many rows (plus one for a last line without a newline).
    /// 2. Make `x` and `y` with room for all of them; chunk i writes from the row where chunk
    ///    i − 1's room ends (concurrently).
    /// 3. Only if blank lines left rooms short: close the gaps and copy to the exact size.
    static func parseRows(
        _ range: Range<Int>, _ base: UnsafePointer<UInt8>, _ columns: CSVColumns, labels: inout CSVClassLabels?
    ) throws(DataError) -> (x: Tensor, y: Tensor, fault: CSVFault?) {
        var ranges = labels == nil ? cut(range, base) : [range]
        var scans = [(newlines: Int, hasQuote: Bool)](repeating: (0, false), count: ranges.count)
        scans.withUnsafeMutableBufferPointer { scans in
            Parallel.forEach(scans.count) { i in scans[i] = scan(ranges[i], base) }
        }
        if scans.count > 1, scans.contains(where: \.hasQuote) {
            scans = [(scans.reduce(0) { $0 + $1.newlines }, true)]
            ranges = [range]
        }
        // A row also needs at least one byte per column: this bounds the room by the text's size
        // even for a file of blank lines under a very wide header.
        let rooms = zip(ranges, scans).map { range, scan in
            Swift.min(scan.newlines + (base[range.upperBound - 1] == CSVRowParser.newline ? 0 : 1),
                      range.count / columns.names.count + 1)
        }
        var starts = [0]
        for room in rooms { starts.append(starts[starts.count - 1] + room) }
        let capacity = starts[starts.count - 1]
        let f = columns.featureCount, t = columns.targetCount
        var results = [(rows: Int, fault: CSVFault?)](repeating: (0, nil), count: ranges.count)
        let end = base + range.upperBound
        func parse(_ xs: UnsafeMutablePointer<Float>, _ ys: UnsafeMutablePointer<Float>) {
            if ranges.count == 1 {
                results[0] = CSVRowParser.parse(ranges[0], of: base, end: end, columns: columns,
                                                features: xs, targets: ys, labels: &labels)
                return
            }
            results.withUnsafeMutableBufferPointer { results in
                Parallel.forEach(ranges.count) { i in
                    var none: CSVClassLabels?
                    results[i] = CSVRowParser.parse(ranges[i], of: base, end: end, columns: columns,
                                                    features: xs + starts[i] * f, targets: ys + starts[i] * t,
                                                    labels: &none)
                }
            }
        }
        // Rows the parser does not reach (after a fault, or in the room a blank line left) are
        // never read: the tensors are dropped, or cut to the rows written.
        var x: Tensor, y: Tensor
        do {
            x = try .uninitialized([capacity, f])
            y = try .uninitialized(t == 1 ? [capacity] : [capacity, t])
        } catch {
            throw .tensor(error)
        }
        x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                guard let xs = xs.baseAddress, let ys = ys.baseAddress else { return }
                FileBuffer.adviseHugePages(xs, capacity * f * MemoryLayout<Float>.size)
                parse(xs, ys)
            }
        }
        if let fault = results.lazy.compactMap(\.fault).first { return (x, y, fault) }
        let rows = results.map(\.rows)
        guard rows != rooms else { return (x, y, nil) }
        return try (closingGaps(x, rows: rows, starts: starts), closingGaps(y, rows: rows, starts: starts), nil)
    }

    /// `range` cut into a few pieces per core (`Parallel.pieceCount`), each ending just after a
    /// newline, when it is big enough to be worth threads.
    private static func cut(_ range: Range<Int>, _ base: UnsafePointer<UInt8>) -> [Range<Int>] {
        let parts = Swift.min(Parallel.pieceCount, range.count / minimumChunkBytes)
        guard parts > 1 else { return [range] }
        var bounds = [range.lowerBound]
        for part in 1..<parts {
            let cut = range.lowerBound + range.count / parts * part
            guard cut > bounds[bounds.count - 1],
                  let newline = memchr(base + cut, Int32(CSVRowParser.newline), range.upperBound - cut) else { break }
            let next = UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) + 1 - base
            if next < range.upperBound { bounds.append(next) }
        }
        bounds.append(range.upperBound)
        return zip(bounds, bounds.dropFirst()).map { $0..<$1 }
    }

    /// The newlines in `range`, and whether it holds a quote character.
    private static func scan(_ range: Range<Int>, _ base: UnsafePointer<UInt8>) -> (newlines: Int, hasQuote: Bool) {
        (CSVText.newlines(in: range, of: base),
         memchr(base + range.lowerBound, Int32(CSVRowParser.quote), range.count) != nil)
    }

    /// The filled rows of `t` (chunk i's `rows[i]` rows start at row `starts[i]`), gap-free.
    private static func closingGaps(_ t: Tensor, rows: [Int], starts: [Int]) throws(DataError) -> Tensor {
        var packed = t
        let width = t.rank == 1 ? 1 : t.shape[1]
        packed.withUnsafeMutableBufferPointer { values in
            guard let base = values.baseAddress else { return }
            var next = 0
            for (count, start) in zip(rows, starts) {
                memmove(base + next * width, base + start * width, count * width * MemoryLayout<Float>.size)
                next += count
            }
        }
        do {
            return try packed.slice([.range(start: 0, stop: rows.reduce(0, +), step: nil)])
        } catch {
            throw .tensor(error)
        }
    }
}
