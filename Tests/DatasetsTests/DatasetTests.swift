import Testing
import Autodiff
@testable import Datasets

/// Datasets from tensors, split, standardize, one-hot and head.
struct DatasetTests {
    /// Rows 0..<n with x = [i, 10i] and y = i, so every row says where it came from.
    private func numbered(_ n: Int) throws -> Dataset {
        let x = try Tensor(shape: [n, 2], scalars: (0..<n).flatMap { [Float($0), Float(10 * $0)] })
        return try Dataset(x: x, y: Tensor((0..<n).map(Float.init)))
    }

    @Test func fromTensors() throws {
        let data = try Dataset(x: try Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6]), y: Tensor([0, 1, 0]))
        #expect(data.count == 3 && data.featureCount == 2 && data.targetCount == 1)
        #expect(data.featureNames == ["x0", "x1"])
        #expect(data.targetNames == ["y"])
        let oneFeature = try Dataset(x: Tensor([1, 2, 3]), y: try Tensor(shape: [3, 2], repeating: 0))
        #expect(oneFeature.x.shape == [3, 1])
        #expect(oneFeature.targetNames == ["y0", "y1"])
    }

    @Test func dataIsDetachedFromTheGraph() throws {
        let w = try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]).param()
        #expect(w.requiresGrad)
        let data = try Dataset(x: w, y: Tensor([0, 1]))
        #expect(!data.x.requiresGrad)
    }

    @Test func fromTensorsRejectsMismatches() throws {
        #expect(throws: DataError.rowCountMismatch(x: [3, 2], y: [4])) {
            try Dataset(x: try Tensor(shape: [3, 2], repeating: 0), y: try Tensor(shape: [4], repeating: 0))
        }
        #expect(throws: DataError.unsupportedShape(role: "x", shape: [2, 2, 2], expected: "[n, features] (or [n] for one feature)")) {
            try Dataset(x: try Tensor(shape: [2, 2, 2], repeating: 0), y: Tensor([0, 1]))
        }
        #expect(throws: DataError.unsupportedShape(role: "x", shape: [], expected: "[n, features] (or [n] for one feature)")) {
            try Dataset(x: Tensor(1), y: Tensor([0]))
        }
        #expect(throws: DataError.unsupportedShape(role: "y", shape: [], expected: "[n] or [n, targets]")) {
            try Dataset(x: Tensor([1]), y: Tensor(0))
        }
    }

    @Test func splitByFractionTakesTheFloor() throws {
        let data = try numbered(10)
        let (train, test) = try data.split(.fraction(0.75), seed: 42)
        #expect(train.count == 7 && test.count == 3)  // ⌊7.5⌋
        // Every row lands in exactly one part, intact.
        let all = (train.y.scalars + test.y.scalars).sorted()
        #expect(all == (0..<10).map(Float.init))
        for part in [train, test] {
            let x = part.x.scalars, y = part.y.scalars
            for r in 0..<part.count { #expect(x[2 * r] == y[r] && x[2 * r + 1] == 10 * y[r]) }
        }
        #expect(train.featureNames == data.featureNames)
    }

    @Test func splitIsASeededShuffle() throws {
        let data = try numbered(50)
        let a = try data.split(.count(30), seed: 7), b = try data.split(.count(30), seed: 7)
        #expect(a.first.y.scalars == b.first.y.scalars && a.second.y.scalars == b.second.y.scalars)
        #expect(a.first.count == 30 && a.second.count == 20)
        let c = try data.split(.count(30), seed: 8)
        #expect(c.first.y.scalars != a.first.y.scalars)
        #expect(a.first.y.scalars != (0..<30).map(Float.init), "rows are shuffled")
        // The permutation is RandomGenerator's Fisher–Yates: the first part is its prefix.
        var order = Array(0..<50)
        var generator = RandomGenerator(seed: 7)
        generator.shuffle(&order)
        #expect(a.first.y.scalars == order.prefix(30).map(Float.init))
    }

    @Test func splitEdges() throws {
        let data = try numbered(4)
        #expect(try data.split(.count(0), seed: 1).first.count == 0)
        #expect(try data.split(.count(4), seed: 1).second.count == 0)
        #expect(try data.split(.fraction(0.2), seed: 1).first.count == 0)  // ⌊0.8⌋
        #expect(try SplitSize(0.8) == .fraction(0.8))
        #expect(try SplitSize(10000) == .count(10000))
        #expect(try SplitSize(1) == .count(1))
        #expect(throws: DataError.invalidSplit(value: 5, rows: 4)) { try data.split(.count(5), seed: 1) }
        #expect(throws: DataError.invalidSplit(value: -1, rows: 4)) { try data.split(.count(-1), seed: 1) }
        #expect(throws: DataError.invalidSplit(value: 1.5, rows: 4)) { try data.split(.fraction(1.5), seed: 1) }
        for bad in [-0.5, 2.5, .infinity, 1e300] {
            #expect(throws: DataError.invalidSplit(value: bad, rows: nil)) { try SplitSize(bad) }
        }
        #expect(throws: DataError.self) { try SplitSize(.nan) }  // NaN is equal to nothing, not even itself
        #expect(DataError.invalidSplit(value: 5, rows: 4).description
                == "split needs a fraction between 0 and 1 or a whole count from 0 to 4, got 5.0")
    }

    /// Expected numbers from scikit-learn's StandardScaler on the same array.
    @Test func standardizeMatchesStandardScaler() throws {
        let x = try Tensor(shape: [4, 3], scalars: [1, 10, 5, 2, 20, 5, 4, 30, 5, 7, 40, 5])
        let data = try Dataset(x: x, y: Tensor([0, 1, 0, 1])).standardized()
        let stats = try #require(data.standardization)
        #expect(stats.mean == [3.5, 25, 5])
        expectClose(stats.scale.map(Float.init), [2.29128784747792, 11.180339887498949, 1], tolerance: 1e-7)
        expectClose(data.x.scalars, [
            -1.0910893678665161, -1.341640830039978, 0, -0.6546536684036255, -0.4472135901451111, 0,
            0.2182178795337677, 0.4472135901451111, 0, 1.5275251865386963, 1.341640830039978, 0,
        ], tolerance: 1e-7)
        expectTensor(data.y, shape: [4], [0, 1, 0, 1])

        let test = try Dataset(x: try Tensor(shape: [2, 3], scalars: [0, 0, 5, 10, 100, 6]), y: Tensor([1, 0]))
        let applied = try test.standardized(like: data)
        expectClose(applied.x.scalars, [-1.5275251865386963, -2.2360680103302, 0, 2.8368325233459473, 6.7082037925720215, 1],
                    tolerance: 1e-7)
        #expect(applied.standardization == stats)
    }

    /// `standardize(test, like=train)` with a raw train: train's mean and population std, computed
    /// then (NumPy: (te − tr.mean(0)) / tr.std(0)), the same as with a standardized train.
    @Test func standardizeLikeRawDataComputesItsStatistics() throws {
        let train = try numbered(3)  // x = [0, 0], [1, 10], [2, 20]
        let test = try Dataset(x: try Tensor(shape: [2, 2], scalars: [4, 5, -1, 30]), y: Tensor([0, 1]))
        let applied = try test.standardized(like: train)
        expectClose(applied.x.scalars, [3.6742346141747673, -0.6123724356957945, -2.449489742783178, 2.449489742783178],
                    tolerance: 1e-6)
        #expect(applied.x.scalars == (try test.standardized(like: try train.standardized())).x.scalars)
        #expect(applied.y.scalars == test.y.scalars)
    }

    @Test func standardizeKeepsPrecisionForALargeMean() throws {
        // Float32 sums would lose the variance under a mean of 10⁶; Double two-pass keeps it.
        let values: [Float] = (0..<1000).map { 1_000_000 + Float($0 % 2) }
        let data = try Dataset(x: Tensor(values), y: Tensor(values)).standardized()
        #expect(data.standardization?.scale == [0.5])
        #expect(Set(data.x.scalars) == [-1, 1])
    }

    @Test func standardizeErrors() throws {
        let empty = try Dataset(x: try Tensor(shape: [0, 2], repeating: 0), y: try Tensor(shape: [0], repeating: 0))
        #expect(throws: DataError.emptyDataset(operation: "standardize")) { try empty.standardized() }
        let data = try numbered(3)
        #expect(throws: DataError.emptyDataset(operation: "standardize(like=)")) { try data.standardized(like: empty) }
        let wide = try Dataset(x: try Tensor(shape: [2, 3], repeating: 1), y: Tensor([0, 1])).standardized()
        #expect(throws: DataError.featureCountMismatch(expected: 3, found: 2)) { try data.standardized(like: wide) }
    }

    @Test func oneHot() throws {
        expectTensor(try Tensor([2, 0, 1]).oneHot(classes: 3), shape: [3, 3], [0, 0, 1, 1, 0, 0, 0, 1, 0])
        expectTensor(try Tensor(shape: [2, 1], scalars: [1, 1]).oneHot(classes: 2), shape: [2, 2], [0, 1, 0, 1])
        #expect(try Tensor([Float]()).oneHot(classes: 4).shape == [0, 4])
        #expect(throws: DataError.classOutOfRange(index: 1, value: 3, classes: 3)) { try Tensor([0, 3]).oneHot(classes: 3) }
        #expect(throws: DataError.classOutOfRange(index: 0, value: -1, classes: 3)) { try Tensor([-1]).oneHot(classes: 3) }
        #expect(throws: DataError.classOutOfRange(index: 0, value: .infinity, classes: 3)) {
            try Tensor([.infinity]).oneHot(classes: 3)
        }
        #expect(throws: DataError.nonIntegerClass(index: 2, value: 0.5)) { try Tensor([0, 1, 0.5]).oneHot(classes: 3) }
        #expect(throws: DataError.invalidClassCount(0)) { try Tensor([0]).oneHot(classes: 0) }
        #expect(throws: DataError.unsupportedShape(role: "onehot's input", shape: [2, 2], expected: "[n] or [n, 1] class indices")) {
            try Tensor(shape: [2, 2], repeating: 0).oneHot(classes: 2)
        }
        #expect(DataError.classOutOfRange(index: 0, value: .infinity, classes: 3).description
                == "onehot: element 0 is class inf, outside the classes 0 to 2")
    }

    @Test func namesAndClassesSurviveEveryTransformation() throws {
        let iris = try DatasetGenerator.make(name: "iris")
        let (train, test) = try iris.split(.fraction(0.8), seed: 1)
        let standardized = try train.standardized()
        for part in [train, test, standardized, try test.standardized(like: standardized),
                     try iris.head(3), try iris.batch(size: 32, index: 4)] {
            #expect(part.classNames == ["setosa", "versicolor", "virginica"])
            #expect(part.featureNames == iris.featureNames && part.targetNames == ["species"])
        }
        #expect(try iris.batch(size: 32, index: 4).count == 150 - 4 * 32)
        var loader = try BatchLoader(data: standardized, batchSize: 32)
        #expect(loader.batch(0).y.shape == [32])
        #expect(loader.batch(3).y.shape == [120 - 3 * 32])
    }

    @Test func head() throws {
        let data = try numbered(8)
        expectTensor(try data.head().y, shape: [5], [0, 1, 2, 3, 4])
        expectTensor(try data.head(2).x, shape: [2, 2], [0, 0, 1, 10])
        #expect(try data.head(100).count == 8)
        #expect(try data.head(0).count == 0)
        #expect(throws: DataError.negativeCount(operation: "head", count: -1)) { try data.head(-1) }
    }
}
