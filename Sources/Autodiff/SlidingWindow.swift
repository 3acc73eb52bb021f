/// How a convolution or pooling window is padded: by a number of zeros on every side, or
/// `same` — as much as makes the output as large as the input at stride 1.
///
/// `same` follows PyTorch's `padding='same'`: the total padding along an axis is `k − 1`, of
/// which `(k − 1) / 2` (floor) goes before and the rest after. An odd kernel is padded evenly
/// (3 → 1 and 1); an even one gets its extra zero at the end (2 → 0 and 1, 4 → 1 and 2).
/// Like PyTorch, `same` is only defined for stride 1.
public enum WindowPadding: Sendable, Equatable, CustomStringConvertible {
    case zeros(Int)
    case same

    public var description: String {
        switch self {
        case .zeros(let p): "\(p)"
        case .same: "same"
        }
    }

    /// The zeros before and after the input along an axis, for a window of `k` along it:
    /// p and p, or for `same` (k − 1)/2 before and the rest after.
    public func amounts(window k: Int) -> (before: Int, after: Int) {
        switch self {
        case .zeros(let p): (p, p)
        case .same: ((k - 1) / 2, k - 1 - (k - 1) / 2)
        }
    }
}

/// One spatial axis of a sliding window: the input's size, the window's, the stride, the zeros
/// added before and after, and the number of window positions.
///
/// `positions = (size + before + after − window) / stride + 1` (floor), as PyTorch and Keras.
/// Built only through `init(size:window:stride:padding:)`, which checks every size, so that
/// no later offset can overflow and every window position reads inside the padded input.
struct WindowAxis: Sendable, Equatable {
    let size: Int
    let window: Int
    let stride: Int
    let before: Int
    let after: Int
    let positions: Int

    /// The axis, or the reason it cannot be: a `problem` sentence and a `fix`.
    /// `windowName` ("kernel", "window") and `axisName` ("height", "width") word the problem.
    static func make(size: Int, window: Int, stride: Int, padding: WindowPadding, windowName: String, axisName: String)
        -> Result<WindowAxis, WindowProblem> {
        guard window >= 1 else {
            return .failure(.init("the \(windowName)'s \(axisName) is \(window)", fix: "kernels and windows are at least 1×1"))
        }
        guard stride >= 1 else { return .failure(.init("stride is \(stride)", fix: "stride= is a whole number ≥ 1")) }
        switch padding {
        case .zeros(let p):
            guard p >= 0 else { return .failure(.init("padding is \(p)", fix: "padding= is a whole number ≥ 0, or same")) }
        case .same:
            guard stride == 1 else {
                return .failure(.init("padding=same is defined for stride 1 only, got stride \(stride)",
                                      fix: "give the padding as a number, e.g. padding=\((window - 1) / 2)"))
            }
        }
        let (before, after) = padding.amounts(window: window)
        let (padded, overflow) = size.addingReportingOverflow(before)
        let (total, overflow2) = padded.addingReportingOverflow(after)
        guard !overflow, !overflow2, total <= TensorAllocationLimit.elements else {
            return .failure(.init("the padded size \(size) + \(before) + \(after) is too large", fix: "use a smaller padding"))
        }
        guard window <= total else {
            let problem = before + after == 0
                ? "the \(windowName)'s \(axisName) (\(window)) is larger than the input's (\(size))"
                : "the \(windowName)'s \(axisName) (\(window)) is larger than the padded input's (\(size) + \(before) + \(after) = \(total))"
            return .failure(.init(problem, fix: "use a smaller \(windowName), or pad the input (padding=)"))
        }
        return .success(WindowAxis(size: size, window: window, stride: stride, before: before, after: after,
                                   positions: (total - window) / stride + 1))
    }

    private init(size: Int, window: Int, stride: Int, before: Int, after: Int, positions: Int) {
        self.size = size
        self.window = window
        self.stride = stride
        self.before = before
        self.after = after
        self.positions = positions
    }
}

/// Why a window does not fit an input: a sentence, and what to do about it.
struct WindowProblem: Error {
    let problem: String
    let fix: String
    init(_ problem: String, fix: String) {
        self.problem = problem
        self.fix = fix
    }
}

extension Tensor {
    /// The two spatial axes of a window over an `[n, c, h, w]` input, or a thrown
    /// `windowMismatch` naming the input's shape and the window's.
    static func windowAxes(
        op: String, input: [Int], window: [Int], kernelHeight: Int, kernelWidth: Int,
        stride: Int, padding: WindowPadding
    ) throws(TensorError) -> (rows: WindowAxis, columns: WindowAxis) {
        let name = window.count == 4 ? "kernel" : "window"
        let rows = WindowAxis.make(size: input[2], window: kernelHeight, stride: stride, padding: padding,
                                   windowName: name, axisName: "height")
        let columns = WindowAxis.make(size: input[3], window: kernelWidth, stride: stride, padding: padding,
                                      windowName: name, axisName: "width")
        switch (rows, columns) {
        case let (.success(r), .success(c)):
            return (r, c)
        case let (.failure(p), _), let (_, .failure(p)):
            throw .windowMismatch(op: op, input: input, window: window, problem: p.problem, fix: p.fix)
        }
    }
}
