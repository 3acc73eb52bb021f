import Testing
@testable import Autodiff

/// The chain rule as data must add up to what autodiff computed.
struct ChainRuleTests {
    /// L = (σ(w·x + b) − y)²: one path from L to w, whose product is the hand-derived gradient.
    @Test func singleNeuronHasOnePathWithTheRightFactors() throws {
        let w = Tensor(0.5).param(label: "w"), b = Tensor(0.1).param(label: "b")
        let z = try w * 2 + b
        let a = z.sigmoid()
        let l = try Tensor.pow(a - 1, 2)
        try l.backward(keepGraph: true)
        let chain = try l.chainRule(to: w)
        #expect(chain.paths.count == 1)
        #expect(chain.omittedPaths == 0)
        let path = chain.paths[0]
        #expect(path.edges.map(\.node.op.name) == ["pow", "subtract", "sigmoid", "add", "multiply"])
        let product = path.edges.compactMap(\.localDerivative).reduce(1, *)
        expectClose([product], w.grad!.scalars)
        expectClose(path.contribution.scalars, w.grad!.scalars)
        // Each factor: 2(a − y), 1, σ(z)(1 − σ(z)), 1, x.
        let av = a.scalar!
        expectClose(path.edges.compactMap(\.localDerivative), [2 * (av - 1), 1, av * (1 - av), 1, 2])
    }

    /// A value on two paths: L = w·w·3 + w has paths through each factor of w·w and the +.
    @Test func sharedValueSumsItsPaths() throws {
        let w = Tensor(1.5).param()
        let l = try w * w * 3 + w
        try l.backward(keepGraph: true)
        let chain = try l.chainRule(to: w)
        #expect(chain.paths.count == 3)
        expectClose(chain.sum.scalars, w.grad!.scalars)
        expectClose(chain.paths.map { $0.contribution.scalar! }.sorted(), [1, 4.5, 4.5])
    }

    /// Tensor case with broadcasting and a matrix product: the paths' contributions sum to the gradient.
    @Test func tensorPathsSumToTheGradient() throws {
        let x = randomTensor([4, 3], seed: 1)
        let w = randomTensor([3, 2], seed: 2).param(), b = randomTensor([2], seed: 3).param()
        let h = try (Tensor.matmul(x, w) + b).tanh()
        let l = try (h * h + h * b).sum()  // b is used on two paths
        try l.backward(keepGraph: true)
        for p in [w, b] {
            let chain = try l.chainRule(to: p)
            #expect(chain.omittedPaths == 0)
            expectClose(chain.sum.scalars, p.grad!.scalars, tolerance: 1e-5)
        }
        #expect(try l.chainRule(to: b).paths.count == 4)
    }

    @Test func limitsAndErrors() throws {
        let w = Tensor(1.1).param()
        var y = w
        for _ in 0..<12 { y = try y * y + y }  // 2^… paths, far more than listed
        try y.backward(keepGraph: true)
        let chain = try y.chainRule(to: w, maxPaths: 5)
        #expect(chain.paths.count == 5)
        #expect(chain.omittedPaths > 1000)

        let unrelated = Tensor(2).param()
        #expect(throws: TensorError.self) { try y.chainRule(to: unrelated) }
        let released = try w * 3
        try released.backward()
        #expect(throws: TensorError.self) { try released.chainRule(to: w) }
    }

    /// walk: reverse topological order (every node before its inputs), and the contributions
    /// arriving at each param sum to its gradient.
    @Test func walkOrderAndContributions() throws {
        let w = randomTensor([3], seed: 4).param(), v = randomTensor([3], seed: 5).param()
        let u = try w * v
        let l = try (u.exp() + u * w).sum()
        try l.backward(keepGraph: true)
        let steps = try l.backpropSteps()
        #expect(steps.first?.node === l.node)
        var seen: [ObjectIdentifier] = []
        for step in steps {
            for input in step.node.inputs {
                if let child = input.node { #expect(!seen.contains(ObjectIdentifier(child)), "a node came after one of its inputs") }
            }
            seen.append(ObjectIdentifier(step.node))
        }
        for p in [w, v] {
            var total = Tensor(zerosOf: [3])
            for step in steps {
                for c in step.contributions where step.node.inputs[c.inputIndex].node === p.node {
                    total = try total + c.contribution
                }
            }
            expectClose(total.scalars, p.grad!.scalars)
        }
    }

    @Test func formulasUseTheGivenNames() {
        #expect(Op.sigmoid.forward(["z"]) == "σ(z)")
        #expect(Op.sigmoid.localDerivative(of: 0, ["z"]) == "σ(z)(1 − σ(z))")
        #expect(Op.matmul.localDerivative(of: 1, ["x", "W"]) == "xᵀ · δ")
        #expect(Op.matmul.localDerivative(of: 0, ["x", "W"]) == "δ · Wᵀ")
        #expect(Op.add.forward(["w·x", "b"]) == "w·x + b")
        #expect(Op.multiply.forward(["w", "x + 1"]) == "w·(x + 1)")
    }
}
