import Testing
@testable import Matmul

@Test func referenceMultipliesTwoByTwo() {
    let a: [Float] = [1, 2, 3, 4]
    let b: [Float] = [5, 6, 7, 8]
    var c = [Float](repeating: .nan, count: 4)
    sgemmReference(.none, .none, m: 2, n: 2, k: 2, a: a, lda: 2, b: b, ldb: 2, c: &c, ldc: 2)
    #expect(c == [19, 22, 43, 50])
}
