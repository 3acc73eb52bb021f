import Testing
@testable import Autodiff

/// Every error the tensor core throws, with the shapes it carries.
struct TensorErrorTests {
    let m = randomTensor([2, 3], seed: 1)

    @Test func shapesAndData() {
        #expect(throws: TensorError.invalidShape([2, -3])) { try Tensor.zeros([2, -3]) }
        #expect(throws: TensorError.dataCountMismatch(shape: [2, 2], count: 3)) { try Tensor(shape: [2, 2], scalars: [1, 2, 3]) }
        #expect(throws: TensorError.invalidReshape(from: [2, 3], to: [4, -1])) { try m.reshaped([4, -1]) }
        #expect(throws: TensorError.invalidShape([0, 0])) { try m.transposed([0, 0]) }
    }

    @Test func allocationLimit() {
        let limit = TensorAllocationLimit.elements
        #expect(throws: TensorError.tooLarge(shape: [100000, 100000], limit: limit)) { try Tensor.zeros([100000, 100000]) }
        // Overflow in the element count itself is the same error, not a trap.
        #expect(throws: TensorError.tooLarge(shape: [Int.max, 4], limit: limit)) { try Tensor.zeros([Int.max, 4]) }
        #expect(throws: TensorError.self) { try Tensor.arange(0, 1e300) }
        // An outer-product broadcast of two small vectors is checked before it allocates.
        let tall = (try? Tensor.zeros([100_000, 1])) ?? Tensor(0), wide = (try? Tensor.zeros([1, 100_000])) ?? Tensor(0)
        #expect(throws: TensorError.tooLarge(shape: [100_000, 100_000], limit: limit)) { try tall + wide }
    }

    @Test func axesAndIndices() {
        #expect(throws: TensorError.invalidAxis(axis: 2, rank: 2)) { try m.sum(axis: 2) }
        #expect(throws: TensorError.invalidAxis(axis: -3, rank: 2)) { try m.softmax(axis: -3) }
        #expect(throws: TensorError.indexOutOfRange(index: 2, axis: 0, size: 2)) { try m.slice([.at(2)]) }
        #expect(throws: TensorError.indexOutOfRange(index: -4, axis: 1, size: 3)) { try m.element(at: [0, -4]) }
        #expect(throws: TensorError.tooManyIndices(count: 3, rank: 2)) { try m.slice([.at(0), .at(0), .at(0)]) }
        #expect(throws: TensorError.zeroSliceStep(axis: 0)) { try m.slice([.range(start: nil, stop: nil, step: 0)]) }
    }

    @Test func opsThatNeedShapes() {
        #expect(throws: TensorError.broadcastMismatch(op: "add", lhs: [2, 3], rhs: [2])) { try m + Tensor([1, 2]) }
        #expect(throws: TensorError.matmulMismatch(lhs: [2, 3], rhs: [2, 3])) { try Tensor.matmul(m, m) }
        #expect(throws: TensorError.rankMismatch(op: "matmul", expected: "tensors of rank ≥ 1", shape: [])) { try Tensor.matmul(Tensor(1), m) }
        #expect(throws: TensorError.joinMismatch(op: "stack", axis: 0, shapes: [[2, 3], [3]])) { try Tensor.stack([m, Tensor([1, 2, 3])]) }
        #expect(throws: TensorError.emptyReduction(op: "max", shape: [0])) { try Tensor([]).max() }
        #expect(throws: TensorError.invalidArgument("concat needs at least one tensor")) { try Tensor.concat([]) }
        #expect(throws: TensorError.invalidArgument("linspace needs a non-negative count, got -1")) { try Tensor.linspace(0, 1, count: -1) }
    }

    @Test func backwardErrors() throws {
        let w = m.param()
        #expect(throws: TensorError.nonScalarBackward(shape: [2, 3])) { try (w * 2).backward() }
        #expect(throws: TensorError.gradientShapeMismatch(expected: [2, 3], got: [3])) { try (w * 2).backward(seed: Tensor([1, 2, 3])) }
        #expect(throws: TensorError.invalidArgument("backward: this value does not depend on any param")) { try m.sum().backward() }
    }

    @Test func creationValues() throws {
        expectTensor(try Tensor.arange(0, 1, step: 0.25), shape: [4], [0, 0.25, 0.5, 0.75])
        expectTensor(try Tensor.arange(5, 0, step: -2), shape: [3], [5, 3, 1])
        expectTensor(try Tensor.linspace(0, 1, count: 5), shape: [5], [0, 0.25, 0.5, 0.75, 1])
        expectTensor(try Tensor.eye(2), shape: [2, 2], [1, 0, 0, 1])
        expectTensor(try Tensor.full([2], value: 7), shape: [2], [7, 7])
        #expect(try Tensor.arange(0, 0).shape == [0])
    }
}
