/// Why an export or import failed, with what a person needs to fix it: the file, the tensor,
/// both shapes. Thrown, never trapped: a bad file ends a command, not the session.
public enum ExportError: Error, Equatable, Sendable {
    // MARK: safetensors structure
    /// The file ends before its 8-byte header length, or before the data it promises.
    case truncated(String)
    /// The header length exceeds the format's limit (a corrupt or hostile file).
    case headerTooLarge(length: UInt64, limit: Int)
    /// The header length points past the end of the file.
    case headerBeyondFile(length: UInt64, fileSize: Int)
    /// The header is not UTF-8 JSON of the expected structure.
    case invalidHeader(String)
    /// Two entries of the header have the same name.
    case duplicateTensor(String)
    /// A dtype this reader does not convert to float32.
    case unsupportedDType(tensor: String, dtype: String)
    /// A shape with a negative, absurd or overflowing dimension.
    case invalidShape(tensor: String, message: String)
    /// The shape's element count times the dtype size is not the tensor's byte span.
    case sizeMismatch(tensor: String, shape: [Int], dtype: String, expectedBytes: Int, actualBytes: Int)
    /// `data_offsets` outside the data buffer, or reversed.
    case offsetsOutOfRange(tensor: String, begin: Int, end: Int, bufferSize: Int)
    /// Two tensors claim the same bytes.
    case overlappingTensors(String, String)
    /// Bytes of the data buffer that belong to no tensor.
    case bufferNotCovered(begin: Int, end: Int, bufferSize: Int)
    /// A tensor too large to hold in memory here.
    case tensorTooLarge(tensor: String, elements: Int)
    /// A name the writer cannot store (empty, or the reserved `__metadata__`).
    case invalidTensorName(String)

    // MARK: importing into a model
    /// The file's params do not fit the model; every problem is listed.
    case parametersDoNotMatch([ParameterProblem])

    // MARK: notebooks
    /// A plot handed to a notebook writer is not a standalone SVG document.
    case invalidSVG(cell: Int, message: String)

    // MARK: files
    /// Reading or writing a file failed (the OS's reason).
    case fileSystem(path: String, message: String)
    /// The written file did not read back as what was meant to be written; the previous file,
    /// if any, is untouched.
    case verificationFailed(path: String, message: String)
}

/// One mismatch between a file's params and a model's.
public enum ParameterProblem: Equatable, Sendable, CustomStringConvertible {
    /// The model has this param; the file does not.
    case missing(name: String, shape: [Int])
    /// The file has a tensor the model has no param for.
    case unexpected(name: String, shape: [Int])
    /// Both have it, with different shapes.
    case shapeMismatch(name: String, model: [Int], file: [Int])

    public var description: String {
        switch self {
        case let .missing(name, shape): "\(name) \(shape) is missing from the file"
        case let .unexpected(name, shape): "the file has \(name) \(shape), which the model does not have"
        case let .shapeMismatch(name, model, file): "\(name): the model has shape \(model), the file \(file)"
        }
    }
}

extension ExportError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .truncated(what):
            return "the file is truncated: \(what)"
        case let .headerTooLarge(length, limit):
            return "the safetensors header claims \(length) bytes, more than the limit of \(limit)"
        case let .headerBeyondFile(length, fileSize):
            return "the safetensors header claims \(length) bytes, but the file has only \(fileSize)"
        case let .invalidHeader(message):
            return "the safetensors header is invalid: \(message)"
        case let .duplicateTensor(name):
            return "the tensor \(name) appears twice"
        case let .unsupportedDType(tensor, dtype):
            return "\(tensor) has dtype \(dtype); gradbook reads F32, F64, F16 and BF16"
        case let .invalidShape(tensor, message):
            return "\(tensor) has an invalid shape: \(message)"
        case let .sizeMismatch(tensor, shape, dtype, expected, actual):
            return "\(tensor): shape \(shape) of \(dtype) needs \(expected) bytes, but its data_offsets span \(actual)"
        case let .offsetsOutOfRange(tensor, begin, end, size):
            return "\(tensor): data_offsets [\(begin), \(end)] are outside the data buffer of \(size) bytes"
        case let .overlappingTensors(a, b):
            return "the tensors \(a) and \(b) overlap in the data buffer"
        case let .bufferNotCovered(begin, end, size):
            return "bytes \(begin) to \(end - 1) of the \(size)-byte data buffer belong to no tensor"
        case let .tensorTooLarge(tensor, elements):
            return "\(tensor) has \(elements) elements, more than this machine's tensor limit"
        case let .invalidTensorName(name):
            return "cannot store a tensor named \"\(name)\""
        case let .parametersDoNotMatch(problems):
            return "the file's params do not fit the model:\n" + problems.map { "  " + $0.description }.joined(separator: "\n")
        case let .invalidSVG(cell, message):
            return "the plot of cell \(cell) is not a standalone SVG: \(message)"
        case let .fileSystem(path, message):
            return "\(path): \(message)"
        case let .verificationFailed(path, message):
            return "\(path) did not verify after writing (\(message)); nothing was replaced"
        }
    }
}
