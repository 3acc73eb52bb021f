import Testing
@testable import Autodiff

/// The op clock counts the convolutions' FLOPs as the closed form 2·f·K·N per product (f
/// filters, K = c·kh·kw taps, N = n·h′·w′ positions), only the products made, only while on,
/// and only on the thread that started it (so the other tests running beside this one add nothing).
struct WindowOpClockTests {
    @Test func countsEachProductsFlopsAndEachCall() throws {
        // x [2, 3, 6, 5], W [4, 3, 3, 2], stride 1, padding 1: h′ = 6 + 2 − 3 + 1 = 6, w′ = 5 + 2 − 2 + 1 = 6.
        let (f, k, n) = (4, 3 * 3 * 2, 2 * 6 * 6)
        let x = randomTensor([2, 3, 6, 5], seed: 1).param(), w = randomTensor([4, 3, 3, 2], seed: 2).param()
        let constantInput = randomTensor([2, 3, 6, 5], seed: 3)

        WindowOpClock.start()
        let y = try Tensor.conv2d(x, w, stride: 1, padding: .zeros(1))
        try y.sum().backward()  // ∂L/∂x and ∂L/∂W: two products
        let first = try Tensor.conv2d(constantInput, w, stride: 1, padding: .zeros(1))
        try first.sum().backward()  // ∂L/∂W only: the input needs no gradient
        let pooled = try x.maxPool2d(size: 2)
        try pooled.sum().backward()
        let totals = WindowOpClock.stop()
        _ = try Tensor.conv2d(x, w, stride: 1, padding: .zeros(1))  // off: not counted

        let forward = try #require(totals[.convolutionForward]), backward = try #require(totals[.convolutionBackward])
        #expect(forward.calls == 2 && forward.flops == 2 * (2 * f * k * n))
        #expect(backward.calls == 2 && backward.flops == 3 * (2 * f * k * n))
        #expect(totals[.poolingForward]?.calls == 1 && totals[.poolingBackward]?.calls == 1)
        #expect(totals[.poolingForward]?.flops == 0)
        #expect(forward.seconds > 0 && backward.seconds > 0)
    }
}
