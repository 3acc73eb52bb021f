import Autodiff

/// A table to learn from: features `x` and targets `y`, row i of one belonging to row i of the other.
///
/// Shapes (SPEC §7): `x` is `[n, features]`; `y` is `[n]` for one target (class indices or one
/// number per row) and `[n, k]` for k targets. A dataset is a value: its tensors are
/// copy-on-write, so splitting or standardizing never changes the dataset it came from. Its
/// tensors are constants (detached): data never carries a gradient.
public struct Dataset {
    /// The features, `[n, features]`.
    public private(set) var x: Tensor
    /// The targets, `[n]` or `[n, k]`.
    public private(set) var y: Tensor
    /// One name per feature column (the CSV header's, or `x0`, `x1`, … for generated data).
    public private(set) var featureNames: [String]
    /// One name per target column (`["species"]`, `["y"]`).
    public private(set) var targetNames: [String]
    /// For a text target, the class names: class index i is `classNames[i]`, numbered in
    /// sorted order. nil when the targets were numbers in the first place.
    public private(set) var classNames: [String]?
    /// The statistics `standardize` applied to make these features, if it did.
    public internal(set) var standardization: Standardization?

    /// The number of rows.
    public var count: Int { x.shape[0] }
    /// The number of feature columns.
    public var featureCount: Int { x.shape[1] }
    /// The number of target columns: 1 for a `[n]` target.
    public var targetCount: Int { y.rank == 1 ? 1 : y.shape[1] }
    /// The name of the target, or of the targets joined by commas.
    public var targetName: String { targetNames.joined(separator: ", ") }

    /// A dataset from tensors (`dataset(x, y)`), after checking that their shapes fit.
    ///
    /// `x` may be `[n]` (one feature, read as `[n, 1]`) or `[n, features]`; `y` `[n]` or `[n, k]`.
    /// Names default to `x0, x1, …` and `y` (`y0, y1, …` for several targets).
    public init(x: Tensor, y: Tensor) throws(DataError) {
        var features = x.detached
        if features.rank == 1 {
            do { features = try features.reshaped([features.count, 1]) } catch { throw .tensor(error) }
        }
        guard features.rank == 2 else {
            throw .unsupportedShape(role: "x", shape: x.shape, expected: "[n, features] (or [n] for one feature)")
        }
        guard y.rank == 1 || y.rank == 2 else {
            throw .unsupportedShape(role: "y", shape: y.shape, expected: "[n] or [n, targets]")
        }
        guard features.shape[0] == y.shape[0] else { throw .rowCountMismatch(x: features.shape, y: y.shape) }
        let k = y.rank == 1 ? 1 : y.shape[1]
        // Every column gets a name of about 16 bytes (four floats' worth), made now: counted
        // against the memory limit like a tensor, so `x` of shape [0, 10⁹] cannot take 16 GB.
        do { _ = try ShapeMath.elementCount([features.shape[1] + k, 4]) } catch { throw .tensor(error) }
        self.init(
            validX: features, y: y.detached,
            featureNames: Dataset.defaultNames("x", features.shape[1]),
            targetNames: k == 1 && y.rank == 1 ? ["y"] : Dataset.defaultNames("y", k)
        )
    }

    /// A dataset whose shapes and names the caller has already made consistent (loaders and
    /// generators); a mismatch here is a bug in gradbook, not a person's mistake.
    init(
        validX x: Tensor, y: Tensor, featureNames: [String], targetNames: [String],
        classNames: [String]? = nil, standardization: Standardization? = nil
    ) {
        precondition(x.rank == 2 && (y.rank == 1 || y.rank == 2) && x.shape[0] == y.shape[0],
                     "dataset shapes x \(x.shape), y \(y.shape)")
        precondition(featureNames.count == x.shape[1] && targetNames.count == (y.rank == 1 ? 1 : y.shape[1]),
                     "dataset names \(featureNames) / \(targetNames) for x \(x.shape), y \(y.shape)")
        precondition(classNames == nil || y.rank == 1, "class names for targets of shape \(y.shape)")
        self.x = x
        self.y = y
        self.featureNames = featureNames
        self.targetNames = targetNames
        self.classNames = classNames
        self.standardization = standardization
    }

    /// The same names, class names and statistics over other rows (a split, a batch, a head).
    func withRows(x newX: Tensor, y newY: Tensor) -> Dataset {
        Dataset(validX: newX, y: newY, featureNames: featureNames, targetNames: targetNames,
                classNames: classNames, standardization: standardization)
    }

    /// `prefix0, prefix1, …`.
    static func defaultNames(_ prefix: String, _ count: Int) -> [String] {
        (0..<count).map { "\(prefix)\($0)" }
    }
}
