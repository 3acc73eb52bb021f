/// The output shapes of convolution and pooling without computing them, checked exactly as the
/// ops check them (the same errors), so a model can check its layers' shapes when it is defined.
extension Tensor {
    /// The shape `conv2d(x, W, stride:, padding:)` returns for x of shape `input` and W of
    /// shape `kernel`; throws the op's own shape errors.
    public static func conv2dOutputShape(
        input: [Int], kernel: [Int], stride: Int, padding: WindowPadding
    ) throws(TensorError) -> [Int] {
        try ConvolutionGeometry(input: input, kernel: kernel, bias: nil, stride: stride, padding: padding).outputShape
    }

    /// The shape `maxpool2d` or `avgpool2d` (named `op`) returns for x of shape `input`.
    public static func pool2dOutputShape(op: String, input: [Int], size: Int, stride: Int) throws(TensorError) -> [Int] {
        try PoolingGeometry(op: op, input: input, size: size, stride: stride).outputShape
    }
}
