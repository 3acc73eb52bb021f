/// `explain batchnorm`, `explain layernorm`, `explain embedding`.
extension ExplainRules {
    /// Batch normalization, layer normalization and embedding lookup: the fused ops behind
    /// the layers of the same names, with the shapes their rules act on.
    static let normalizationAndEmbedding: [Rule] = [
        Rule(name: "batchnorm",
             forward: "μ_c = mean(x), σ²_c = mean((x − μ_c)²) over the batch (and h, w) of channel c; "
                + "x̂ = (x − μ_c)/√(σ²_c + ε); y = γ_c·x̂ + β_c   x [n, f] or [n, c, h, w], γ β [c] → y like x",
             derivative: "∂L/∂β_c = Σ δ, ∂L/∂γ_c = Σ δ·x̂, ∂L/∂x = γ_c/(m·√(σ²_c + ε))·(m·δ − Σ δ − x̂·Σ δ·x̂)   "
                + "(sums over the m values of channel c, δ = ∂L/∂y)",
             note: "training mode: batch statistics (biased variance), the gradient flows through μ and σ too; "
                + "eps defaults to Keras's 0.001 (PyTorch: 1e-5); needs 2 or more values per channel"),
        Rule(name: "layernorm",
             forward: "μ = mean(x), σ² = mean((x − μ)²) over the last axis of each row; "
                + "x̂ = (x − μ)/√(σ² + ε); y = γ ⊙ x̂ + β   x [n, d], γ β [d] → y [n, d]",
             derivative: "∂L/∂β = Σ_rows δ, ∂L/∂γ = Σ_rows δ ⊙ x̂, ∂L/∂x = 1/(d·√(σ² + ε))·(d·ĝ − Σ ĝ − x̂·Σ ĝ·x̂), ĝ = γ ⊙ δ   "
                + "(inner sums over the d values of a row)",
             note: "each row on its own: no batch statistics, the same in training and inference; eps defaults to 0.001"),
        Rule(name: "embedding",
             forward: "y[i, j, :] = W[indices[i, j], :]   indices [n, length] (whole numbers 0…vocab−1), W [vocab, dim] → y [n, length, dim]",
             derivative: "∂L/∂W[v, :] = Σ over the (i, j) with indices[i, j] = v of δ[i, j, :]   (a scatter-add into [vocab, dim])",
             note: "a lookup is a matmul of one-hot rows with W, done without the one-hot; indices get no gradient; "
                + "rows no index names get 0"),
    ]
}
