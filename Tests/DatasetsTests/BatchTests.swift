import Testing
import Autodiff
@testable import Datasets

/// `batch(data, size, index=)`, `fillBatch` and the training loop's `BatchLoader`.
struct BatchTests {
    /// 10 rows, x = [i, -i], y = [i, 2i] (two targets).
    private func data() throws -> Dataset {
        let x = try Tensor(shape: [10, 2], scalars: (0..<10).flatMap { [Float($0), -Float($0)] })
        let y = try Tensor(shape: [10, 2], scalars: (0..<10).flatMap { [Float($0), 2 * Float($0)] })
        return try Dataset(x: x, y: y)
    }

    @Test func batchesInOrderWithAShortLastOne() throws {
        let data = try data()
        #expect(try data.batchCount(size: 4) == 3)
        #expect(try data.batchCount(size: 10) == 1)
        #expect(try data.batchCount(size: 11) == 1)
        expectTensor(try data.batch(size: 4, index: 0).x, shape: [4, 2], [0, 0, 1, -1, 2, -2, 3, -3])
        expectTensor(try data.batch(size: 4, index: 2).y, shape: [2, 2], [8, 16, 9, 18])
        expectTensor(try data.batch(size: 4, index: -1).y, shape: [2, 2], [8, 16, 9, 18])
        expectTensor(try data.batch(size: 20, index: 0).y, shape: [10, 2], (0..<10).flatMap { [Float($0), 2 * Float($0)] })
    }

    @Test func batchErrors() throws {
        let data = try data()
        #expect(throws: DataError.batchIndexOutOfRange(index: 3, batches: 3)) { try data.batch(size: 4, index: 3) }
        #expect(throws: DataError.batchIndexOutOfRange(index: -4, batches: 3)) { try data.batch(size: 4, index: -4) }
        #expect(throws: DataError.invalidBatchSize(0)) { try data.batch(size: 0, index: 0) }
        #expect(throws: DataError.invalidBatchSize(-2)) { try data.batchCount(size: -2) }
        let empty = try data.head(0)
        #expect(throws: DataError.batchIndexOutOfRange(index: 0, batches: 0)) { try empty.batch(size: 4, index: 0) }
    }

    @Test func fillBatchCopiesTheGivenRows() throws {
        let data = try data()
        var x = try Tensor(shape: [3, 2], repeating: 0), y = try Tensor(shape: [3, 2], repeating: 0)
        data.fillBatch(rows: [7, 0, 7][...], x: &x, y: &y)
        expectTensor(x, shape: [3, 2], [7, -7, 0, 0, 7, -7])
        expectTensor(y, shape: [3, 2], [7, 14, 0, 0, 7, 14])
    }

    @Test func theLoaderCoversEveryRowOncePerEpoch() throws {
        let data = try data()
        var loader = try BatchLoader(data: data, batchSize: 4)
        #expect(loader.batchCount == 3)
        var generator = RandomGenerator(seed: 3)
        for _ in 0..<3 {
            loader.shuffle(using: &generator)
            var seen: [Float] = []
            for b in 0..<loader.batchCount {
                let (x, y) = loader.batch(b)
                #expect(x.shape == [b < 2 ? 4 : 2, 2] && y.shape == [b < 2 ? 4 : 2, 2])
                let xs = x.scalars, ys = y.scalars
                for r in 0..<x.shape[0] { #expect(xs[2 * r + 1] == -xs[2 * r] && ys[2 * r] == xs[2 * r]) }
                seen += stride(from: 0, to: xs.count, by: 2).map { xs[$0] }
            }
            #expect(seen.sorted() == (0..<10).map(Float.init))
            #expect(loader.order.map(Float.init) == seen)
        }
    }

    @Test func theLoaderReusesItsBuffers() throws {
        var loader = try BatchLoader(data: data(), batchSize: 4)
        let first = loader.batch(0).x.withUnsafeBufferPointer { $0.baseAddress }
        let second = loader.batch(1).x.withUnsafeBufferPointer { $0.baseAddress }
        #expect(first == second, "a dropped batch's memory is reused")
        let kept = loader.batch(0)
        let next = loader.batch(1)
        #expect(kept.x.scalars == [0, 0, 1, -1, 2, -2, 3, -3], "a batch still held is not overwritten")
        #expect(next.x.scalars == [4, -4, 5, -5, 6, -6, 7, -7])
    }

    @Test func aLoaderOverFewerRowsThanOneBatch() throws {
        var loader = try BatchLoader(data: try data().head(3), batchSize: 32)
        #expect(loader.batchCount == 1)
        #expect(loader.batch(0).y.shape == [3, 2])
        let empty = try BatchLoader(data: try data().head(0), batchSize: 32)
        #expect(empty.batchCount == 0)
        #expect(throws: DataError.invalidBatchSize(0)) { try BatchLoader(data: try data(), batchSize: 0) }
    }
}
