/// `explain conv2d`, `explain maxpool2d`, `explain avgpool2d`, `explain flatten`.
extension ExplainRules {
    static let convolution: [Rule] = [
        Rule(name: "conv2d",
             forward: "y[s,o,i,j] = b[o] + Σ_{c,u,v} W[o,c,u,v] · x[s,c, i·stride+u−pad, j·stride+v−pad]   "
                + "x [n,c,h,w] ⋆ W [f,c,kh,kw] → y [n,f,h′,w′], h′ = (h + 2·pad − kh)/stride + 1",
             derivative: "∂L/∂W = Σ over positions of δ ⊗ input patch  (δ·colsᵀ [f×N]·[N×c·kh·kw]); "
                + "∂L/∂x = the transposed convolution of δ with W (col2im of Wᵀ·δ); ∂L/∂b = Σ δ over n, h′, w′   (δ = ∂L/∂y)",
             note: "cross-correlation, as PyTorch and Keras; computed as one matmul of W [f×c·kh·kw] with the patch "
                + "matrix cols [c·kh·kw × n·h′·w′] (im2col); padding=same pads k−1 zeros per axis, the extra one after"),
        Rule(name: "maxpool2d", forward: "y[s,c,i,j] = max of the size×size window at (i·stride, j·stride)   [n,c,h,w] → [n,c,h′,w′]",
             derivative: "∂L/∂x = δ at each window's max, 0 elsewhere",
             note: "ties go to the first max in row-major order, as PyTorch; stride defaults to size"),
        Rule(name: "avgpool2d", forward: "y[s,c,i,j] = mean of the size×size window at (i·stride, j·stride)   [n,c,h,w] → [n,c,h′,w′]",
             derivative: "∂L/∂x = δ/size² to every element of its window",
             note: "overlapping windows (stride < size) add their shares; stride defaults to size"),
        Rule(name: "flatten", forward: "Y = reshape(X, [n, c·h·w])", derivative: "the gradient reshaped back to [n, c, h, w]",
             note: "a reshape: no values change"),
    ]
}
