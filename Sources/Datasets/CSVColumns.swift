/// Where each column of a CSV file goes: a feature column of `x` or a target column of `y`.
struct CSVColumns: Sendable {
    /// The header's names, in file order.
    let names: [String]
    /// For column c: `j ≥ 0` is feature j; `-(t + 1)` is target t.
    let destinations: [Int]
    let featureNames: [String]
    let targetNames: [String]

    var featureCount: Int { featureNames.count }
    var targetCount: Int { targetNames.count }

    /// The layout of a file with the header `names`: the `targets` (the last column when nil
    /// or empty; repeated names count once) must all be in it, and no name may be there twice.
    init(header names: [String], targets: [String]?, path: String) throws(DataError) {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { throw .duplicateColumn(path: path, name: name) }
        var targetNames: [String] = []
        for name in targets ?? [] where !targetNames.contains(name) { targetNames.append(name) }
        if targetNames.isEmpty { targetNames = [names[names.count - 1]] }
        var destinations = [Int](repeating: 0, count: names.count)
        for (t, name) in targetNames.enumerated() {
            guard let column = names.firstIndex(of: name) else {
                throw .unknownColumn(path: path, name: name, columns: names,
                                     suggestion: NameSuggestion.closest(to: name, in: names))
            }
            destinations[column] = -(t + 1)
        }
        var featureNames: [String] = []
        for column in names.indices where destinations[column] == 0 {  // not a target
            destinations[column] = featureNames.count
            featureNames.append(names[column])
        }
        self.names = names
        self.destinations = destinations
        self.featureNames = featureNames
        self.targetNames = targetNames
    }
}
